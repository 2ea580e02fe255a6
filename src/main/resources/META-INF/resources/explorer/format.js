// How the explorer names and colours what the API returns.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** A date shown only as far as it is known: a MONTH date never gains a day, a YEAR date never a month. */
export function formatDate(isoDate, precision) {
  if (!isoDate) {
    return 'date unknown';
  }
  const [year, month, day] = isoDate.split('-').map(Number);
  switch (precision) {
    case 'YEAR': return String(year);
    case 'MONTH': return `${MONTHS[month - 1]} ${year}`;
    default: return `${day} ${MONTHS[month - 1]} ${year}`;
  }
}

/** The machine-readable form of the same date, for a <time> element. */
export function datetimeAttribute(isoDate, precision) {
  if (!isoDate) {
    return null;
  }
  switch (precision) {
    case 'YEAR': return isoDate.slice(0, 4);
    case 'MONTH': return isoDate.slice(0, 7);
    default: return isoDate;
  }
}

/** One colour per ActionKind, told apart on white and by most colour-blind readers (Okabe-Ito and kin). */
export const KIND_COLOURS = {
  INTRUSION: '#000000',
  ATTRIBUTION: '#d55e00',
  DENIAL: '#0072b2',
  COUNTER_ACCUSATION: '#cc79a7',
  INDICTMENT: '#8b0000',
  SANCTION: '#e69f00',
  ADVISORY: '#009e73',
  ALLIANCE: '#56b4e9',
  STATEMENT: '#7f7f7f',
};

export function kindColour(kind) {
  return KIND_COLOURS[kind] || '#7f7f7f';
}

export function kindLabel(kind) {
  const words = kind.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
