import type { StationMethod, StationParsedInput } from '../../core/api/schemas';
import type { StationOutputs } from '../../core/api/station-api';
import type { StationContext } from '../context';

/** One StationApi method's implementation: validated input in, its output (or a DaibanError) out. */
export type Handler<M extends StationMethod> = (ctx: StationContext, input: StationParsedInput<M>) => StationOutputs[M] | Promise<StationOutputs[M]>;

/** Implementations of a group of methods; the mapped type makes a missing one a compile error. */
export type Handlers<K extends StationMethod> = { [M in K]: Handler<M> };
