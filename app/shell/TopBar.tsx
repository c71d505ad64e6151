import type { ReactNode } from 'react';
import { ThemeToggle } from './ThemeToggle';

export interface Crumb {
  label: string;
  href?: string;
}

/** The course title, where the learner is, and page-level actions on the right. */
export function TopBar({ crumbs = [], children }: { crumbs?: Crumb[]; children?: ReactNode }) {
  return (
    <header className="top-bar">
      <a className="brand" href="#/" aria-label="Distributed Patterns Playground: course map">
        <BrandMark />
        <span className="brand-name">Distributed Patterns Playground</span>
      </a>
      {crumbs.length > 0 && (
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <ol>
            {crumbs.map((crumb, i) => (
              <li key={i} aria-current={i === crumbs.length - 1 ? 'page' : undefined}>
                {crumb.href ? (
                  <a href={crumb.href}>{crumb.label}</a>
                ) : (
                  <span title={crumb.label}>{crumb.label}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="top-bar-actions">
        {children}
        <ThemeToggle />
      </div>
    </header>
  );
}

function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <path d="M9 16 L23 8 M9 16 L23 24 M23 8 L23 24" stroke="currentColor" strokeWidth="2" opacity="0.35" />
      <circle cx="9" cy="16" r="5" fill="var(--role-0)" />
      <circle cx="23" cy="8" r="5" fill="var(--role-1)" />
      <circle cx="23" cy="24" r="5" fill="var(--role-2)" />
    </svg>
  );
}
