import type { ApplicationDetail } from '../../core/api/views';
import type { ReceivedMaterials } from '../../core/catalog/model';

/** The paper materials recorded on the application, every material of the item listed (unrecorded ones not received). */
export function initialMaterials(d: ApplicationDetail): ReceivedMaterials {
  return Object.fromEntries(d.item.materials.map((m) => [m.key, d.materials[m.key] ?? { received: false, count: m.count }]));
}
