// What the clusters feature says, in Swedish. Keys and placeholders must match catalog.en.ts (a test checks).
export const clustersCatalogSv = {
  'cluster.name_what': 'klustrets namn',
  'cluster.sector_what': 'en sektor (sektor:…)',
  'cluster.added': 'Klustret ”{cluster}” (sektor: {sector}) är tillagt. Medlemmar går med genom `/loket join {example}`.',
  'cluster.exists': 'Det finns redan ett kluster som heter ”{cluster}”.',
  'cluster.not_found': 'Jag hittar inget kluster som heter ”{cluster}”. Finns: {known}.',
  'cluster.none_yet': 'inga kluster ännu',
  'cluster.list_title': 'Kluster ({count})',
  'cluster.list_empty': 'Inga kluster ännu. En projektledare lägger till ett med `/loket cluster add <namn> sektor:<sektor>`.',
  'cluster.list_item': '{cluster} – {sector} – ledare: {leader}{deputies} – {members} medlemmar',
  'cluster.list_deputies': ', ersättare: {names}',
  'cluster.role_ok': '{person} är nu {role} i {cluster}.',
  'cluster.role_previous_leader': '{person} var ledare och är nu ersättare.',
  'cluster.role_invalid': 'Rollen ”{role}” finns inte i ett kluster. Välj leader, deputy eller member.',
  'cluster.role_not_allowed': 'Bara projektledaren eller klustrets ledare kan ändra roller i {cluster}.',
  'join.ok': 'Du är nu medlem i {cluster}.',
  'join.already': 'Du är redan med i {cluster} (som {role}).',
} as const;
