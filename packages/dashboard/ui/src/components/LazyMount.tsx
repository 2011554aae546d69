import { useEffect, useRef, useState, type ReactNode } from 'react';

/** How far outside the window a placeholder starts rendering its content, so it is ready when scrolled to. */
const AHEAD = '600px';

/**
 * Renders `children` once the placeholder comes near the window (an IntersectionObserver), then keeps
 * them: a page of many workflow graphs lays out and draws only those scrolled to. `eager` renders at once.
 */
export function LazyMount({ eager, height, children }: { eager: boolean; height: number; children: ReactNode }) {
  const [shown, setShown] = useState(eager);
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) return;
    const element = placeholder.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      setShown(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setShown(true);
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown]);
  if (eager || shown) return <>{children}</>;
  return <div ref={placeholder} className="graph-placeholder" style={{ height }} aria-busy="true" />;
}
