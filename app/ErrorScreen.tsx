import { Component, type ReactNode } from 'react';

interface State {
  error: Error | undefined;
}

/** The error screen's face: what broke, and the way back to the course. */
export function ErrorMessage({
  title,
  intro,
  detail,
  onBack,
}: {
  title: string;
  intro: string;
  detail: string;
  onBack?: () => void;
}) {
  return (
    <main className="error-screen" role="alert" data-testid="error-screen">
      <h1>{title}</h1>
      <p>{intro}</p>
      <pre>{detail}</pre>
      <p>
        <a href="#/" onClick={onBack}>
          Back to the course
        </a>
      </p>
    </main>
  );
}

/** Shows what broke (a content error names its file) instead of a blank page. */
export class ErrorScreen extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorMessage
        title="Something in the playground broke"
        intro={error.name === 'CatalogError' ? 'The course content has a mistake:' : 'The page hit an error:'}
        detail={error.message}
        onBack={() => this.setState({ error: undefined })}
      />
    );
  }
}
