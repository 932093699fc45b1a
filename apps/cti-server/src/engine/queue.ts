// A skill group's queue as a data structure: serving order (priority, then arrival), removal, position.
import type { Call, Group } from './model';
import type { EngineState } from './state';

/** Inserts the call at its place: behind every caller of higher priority and every earlier one of its own. */
export function insertInQueue(group: Group, call: Call): void {
  let i = group.queue.length;
  while (i > 0) {
    const before = group.queue[i - 1]!;
    if (before.priority > call.priority || (before.priority === call.priority && before.queueSeq < call.queueSeq)) break;
    i--;
  }
  group.queue.splice(i, 0, call);
}

/** Takes a queued call out of its group's queue (no-op for a call that is not queued). */
export function removeFromQueue(s: EngineState, call: Call): void {
  if (call.phase !== 'queued' || !call.skillGroup) return;
  const group = s.groups.get(call.skillGroup);
  if (!group) return;
  const i = group.queue.indexOf(call);
  if (i >= 0) group.queue.splice(i, 1);
  s.listGroups.add(group.config.name);
}

/** 1-based place of a queued call in its group's queue, or null. */
export function queuePosition(s: EngineState, call: Call): number | null {
  if (call.phase !== 'queued' || !call.skillGroup) return null;
  const i = s.groups.get(call.skillGroup)?.queue.indexOf(call) ?? -1;
  return i >= 0 ? i + 1 : null;
}
