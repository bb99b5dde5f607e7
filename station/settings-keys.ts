/** Keys of the settings table the station reads. */
export const SETTINGS = {
  servicePointName: 'station.servicePointName',
  divisionCode: 'station.divisionCode',
  terminalNo: 'station.terminalNo',
} as const;
