export { fleetReport, fleetPrefix, type FleetQuery } from './report';
export { fleetFlags, countFlags } from './flags';
