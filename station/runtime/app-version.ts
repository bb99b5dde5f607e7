/** This build's version, as the platform's fleet view shows it. Kept equal to package.json's by a unit test. */
export const APP_VERSION = '0.1.0';
