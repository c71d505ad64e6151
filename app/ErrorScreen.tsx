import { Component, type ReactNode } from 'react';

interface State {
  error: Error | undefined;
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
      <main className="error-screen" role="alert">
        <h1>Something in the playground broke</h1>
        <p>
          {error.name === 'CatalogError' ? 'The course content has a mistake:' : 'The page hit an error:'}
        </p>
        <pre>{error.message}</pre>
        <p>
          <a href="#/" onClick={() => this.setState({ error: undefined })}>
            Back to the course
          </a>
        </p>
      </main>
    );
  }
}
