// The user's journey through the screens in English.
import { screenTests } from './screens.mjs'

screenTests('en-US')
