// Import boundaries of LOKET, checked by `npm run lint` (and so in CI).
//
// The layers, from the inside out:
//   handlers/core/, handlers/i18n/  what every feature shares: commands, replies, access, texts
//   handlers/<feature>/            one folder per feature (help, meetings, weekly, ...), chat-platform neutral
//   db/                            storage; knows nothing of features or chat platforms
//   scheduled/                     jobs; reach storage only through the features' ports
//   bot/                           the Slack and Teams adapters and the composition root (bot/main.ts, bot/config.ts)
//
// Every path is anchored (^bot/, ^handlers/...) and relative to the folder that is cruised from, so the
// same rules hold for the repository and for the small fixture tree in test/lint/fixtures/ that proves them.

/** An npm package of a chat platform: resolved under node_modules, or left unresolved by name. */
const PLATFORM_PACKAGE = '(^|/)node_modules/(@slack/|@microsoft/|botbuilder)|^(@slack/|@microsoft/|botbuilder)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-feature-adapter-job',
      severity: 'error',
      comment:
        'handlers/core/ is what every feature, adapter and job builds on. If it imported a feature folder, a chat ' +
        'adapter (bot/) or a job (scheduled/), changing one feature could break all the others and the layers ' +
        'would knot into cycles. Move the shared piece into handlers/core/, or let the feature register itself ' +
        'with core (a port or a registry) instead.',
      from: { path: '^handlers/core/' },
      to: {
        path: '^(bot|scheduled)/|^handlers/',
        pathNot: '^handlers/(core|i18n)/',
      },
    },
    {
      name: 'i18n-imports-only-catalogs-or-core',
      severity: 'error',
      comment:
        'handlers/i18n/ holds the texts that core and every feature use, so it sits beside core. From a feature ' +
        'folder it may take only the feature\'s text catalogs (handlers/<feature>/catalog.*.ts: leaf data with no ' +
        'logic); importing a feature\'s code, an adapter (bot/) or a job (scheduled/) would make every text ' +
        'depend on that code.',
      from: { path: '^handlers/i18n/' },
      to: {
        path: '^(bot|scheduled)/|^handlers/',
        pathNot: ['^handlers/(core|i18n)/', '^handlers/[^/]+/catalog\\.[^/]+\\.ts$'],
      },
    },
    {
      name: 'db-imports-no-handler-or-platform',
      severity: 'error',
      comment:
        'db/ is storage only: repositories and the schema. It must not know the features (handlers/), the jobs ' +
        '(scheduled/), the adapters (bot/) or any Slack/Teams SDK, so that the same storage serves every ' +
        'platform and can be tested on its own.',
      from: { path: '^db/' },
      to: { path: [`^(handlers|bot|scheduled)/`, PLATFORM_PACKAGE] },
    },
    {
      name: 'handlers-import-no-platform',
      severity: 'error',
      comment:
        'Features and jobs answer in platform-neutral replies; only the adapters in bot/ turn them into Slack ' +
        'blocks or Teams cards. Importing a Slack/Teams SDK or anything from bot/ here would tie a feature to ' +
        'one platform and pull an SDK into every test.',
      from: { path: '^(handlers|scheduled)/' },
      to: { path: ['^bot/', PLATFORM_PACKAGE] },
    },
    {
      name: 'adapters-import-no-db',
      severity: 'error',
      comment:
        'The chat adapters reach data only through the features (handlers/) and their ports, so that access ' +
        'checks and auditing cannot be skipped by an adapter talking to storage directly. Only the composition ' +
        'root, bot/main.ts, wires the database in.',
      from: { path: '^bot/', pathNot: ['^bot/main\\.ts$'] },
      to: { path: '^db/' },
    },
    {
      name: 'scheduled-imports-no-db',
      severity: 'error',
      comment:
        'Jobs reach data through the features (handlers/) and their ports, like the adapters do, so that a ' +
        'job applies the same rules (access, privacy, retention) as a command does.',
      from: { path: '^scheduled/' },
      to: { path: '^db/' },
    },
    {
      name: 'slack-and-teams-apart',
      severity: 'error',
      comment:
        'The Slack and Teams adapters are independent of each other: either platform can be changed, ' +
        'removed or run alone. What both need belongs in handlers/core/ or in bot/ outside the two folders.',
      from: { path: '^bot/(slack|teams)/' },
      to: { path: '^bot/(slack|teams)/', pathNot: '^bot/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means neither module can be understood, tested or loaded without the other, and at run time ' +
        'one of them sees the other half-initialised. Break it by moving the shared piece into a third module ' +
        'or by passing it in.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'This module imports something that cannot be found on disk: a typo, a removed file or a package that ' +
        'is not in package.json. It would fail at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)db/migrations/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages with an "exports" map (csv-stringify/sync, zod, ...) resolve the way Node and TypeScript resolve them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
