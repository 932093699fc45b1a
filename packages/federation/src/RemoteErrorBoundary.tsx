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
  error: unknown;
  failed: boolean;
}

/** Catches load failures (rethrown by `use()`) and render crashes of one remote, and keeps them in its slot. */
export class RemoteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false };

  /** React: keep the error so the next render shows the fallback instead of the remote. */
  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  /** Load failures arrive typed; anything else was thrown by the remote's own rendering. */
  private asLoadError(error: unknown): RemoteLoadError {
    if (error instanceof RemoteLoadError) return error;
    return new RemoteLoadError(this.props.name, 'render', error instanceof Error ? error.message : String(error), { cause: error });
  }

  /** React: report the failure (typed as a `RemoteLoadError`) to `onError` once. */
  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    this.props.onError?.(this.asLoadError(error));
  }

  private readonly retry = () => {
    this.setState({ error: null, failed: false });
    this.props.onRetry();
  };

  /** The remote, or the fallback with a retry once it failed. */
  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback(this.asLoadError(this.state.error), this.retry);
    return this.props.children;
  }
}
