// Texts of the inbox and of database outages (issue 9, reliability).
export const reliabilitySv = {
  'reliability.unavailable': 'LOKET når inte sin databas just nu, så kommandot sparades inte. Försök igen om en liten stund.',
  'reliability.late_answer': 'Ditt kommando `/loket {command}` är utfört, men svaret blev försenat eftersom LOKET startades om. Här är svaret:',
} as const;
