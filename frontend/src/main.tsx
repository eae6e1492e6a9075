import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Root } from './Root.tsx'
import './styles.css'

const root = document.getElementById('root')
if (!root) {
  throw new Error('Summit Planner: the #root element is missing from index.html')
}
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
