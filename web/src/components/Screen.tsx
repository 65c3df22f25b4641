/**
 * The page frame every screen shares: a header with the wordmark and the language switcher, a main region, focus moved
 * to the heading.
 */
import { type ReactNode, useEffect, useRef } from "react";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher";

export function Screen({
  children,
  className,
  headerRight,
  footer,
}: {
  children: ReactNode;
  className?: string;
  headerRight?: ReactNode;
  /** Below the main region, outside it (the host's control bar): main's content never runs under it. */
  footer?: ReactNode;
}) {
  return (
    <div className={`screen ${className ?? ""}`}>
      <header className="topbar">
        <a className="wordmark" href="/">
          trivia<span>edge</span>
        </a>
        <div className="topbar-right">
          {headerRight}
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main">{children}</main>
      {footer}
    </div>
  );
}

/** A heading that takes focus when it first appears, so screen readers start at the new screen's title. */
export function Title({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
