import { useEffect } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';

/** Re-fits the graph whenever its canvas changes size (the step panel opening, a window resize). */
export function FitOnResize({ padding, maxZoom }: { padding: number; maxZoom: number }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width > 0 && height > 0) void fitView({ padding, maxZoom });
  }, [width, height, fitView, padding, maxZoom]);
  return null;
}
