// Component tests wait for what the app shows after fetches and timers. The
// default second is short when the machine is busy (a build or the browser
// tests running beside them), so they wait up to five; a passing test does
// not wait longer for it.
import { configure } from '@testing-library/react'

configure({ asyncUtilTimeout: 5000 })
