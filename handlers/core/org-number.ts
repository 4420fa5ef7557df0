import OrganisationsnummerModule from 'organisationsnummer';

// The package's types declare an ES default export, but it ships CommonJS `module.exports = class`, so
// under nodenext the default import is the class itself at run time.
const Organisationsnummer = OrganisationsnummerModule as unknown as typeof OrganisationsnummerModule.default;

/** Normalises a Swedish organisation number to NNNNNN-NNNN, or undefined when it is not one (checksum
 *  included). A sole trader's org number is a personal identity number; the library accepts those too. */
export function normaliseOrgNumber(input: string): string | undefined {
  try {
    return Organisationsnummer.valid(input) ? Organisationsnummer.parse(input).format(true) : undefined;
  } catch {
    return undefined;
  }
}
