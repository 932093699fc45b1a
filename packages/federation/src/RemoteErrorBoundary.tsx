import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { RemoteName } from '@octopus/contracts';
import { RemoteLoadError } from './errors';

interface Props {
  name: RemoteName;
  fallback: (error: RemoteLoadError, retry: () => void) => ReactNode;
  onRetry: () => void;
  onError?: (error: RemoteLoadError) => void;
  children: ReactNode;
}

interface State {
  error: RemoteLoadError | null;
}

/** Catches load failures (rethrown by `use()`) and render crashes of one remote, and keeps them in its slot. */
export class RemoteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof RemoteLoadError ? error : null };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    const loadError =
      error instanceof RemoteLoadError
        ? error
        : new RemoteLoadError(this.props.name, 'render', error instanceof Error ? error.message : String(error), { cause: error });
    if (!this.state.error) this.setState({ error: loadError });
    this.props.onError?.(loadError);
  }

  private readonly retry = () => {
    this.setState({ error: null });
    this.props.onRetry();
  };

  override render(): ReactNode {
    if (this.state.error) return this.props.fallback(this.state.error, this.retry);
    return this.props.children;
  }
}
