// Render counting for tests that prove a component does NOT re-render (issue [2/7] point 8). Used from a
// jest.mock factory, which runs before the test file's own constants exist: the counts live here.

/** Renders counted so far, by component name (absent = none yet). */
export const renderCounts: Record<string, number> = {};

/** How often `name` has rendered (0 before its first render). */
export function rendersOf(name: string): number {
  return renderCounts[name] ?? 0;
}

/**
 * `actual` (a module's real exports) with its function component `name` wrapped to count its renders
 * in `renderCounts[name]`; the component's output is unchanged.
 * @throws Error when the module has no function export of that name.
 */
export function countRenders(actual: Record<string, unknown>, name: string): Record<string, unknown> {
  const component = actual[name];
  if (typeof component !== 'function') throw new Error(`countRenders: the module exports no component ${name}`);
  const counted = (props: unknown): unknown => {
    renderCounts[name] = rendersOf(name) + 1;
    return (component as (props: unknown) => unknown)(props);
  };
  return { ...actual, [name]: counted };
}
