import { Component, type ErrorInfo, type ReactNode } from 'react'

type Props = { children: ReactNode; title: string; text: string; reload: string; resetKey: string }
type State = { error: Error | null; key: string }

/** ErrorBoundary keeps one broken page (or a chunk that failed to load) from blanking the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey }

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // Navigating elsewhere clears the error.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Summit Planner: a page failed', error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="error-box" role="alert">
        <h2>{this.props.title}</h2>
        <p>{this.props.text}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {this.props.reload}
        </button>
      </div>
    )
  }
}
