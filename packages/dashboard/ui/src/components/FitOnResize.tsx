import { useEffect, useRef } from 'react';
import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';

/**
 * Fits the graph once its canvas has a size, and again whenever the size changes (the step panel opening,
 * a window resize). `fit` says how for a given canvas size (see `readableFit`); a new `fit` alone (a unit
 * collapsed or expanded) does not refit, so the user's view is kept.
 */
export function FitOnResize({ fit }: { fit: (width: number, height: number) => FitViewOptions }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const latest = useRef(fit);
  latest.current = fit;
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(latest.current(width, height));
  }, [width, height, fitView]);
  return null;
}
