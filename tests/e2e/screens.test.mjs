// The user's journey through the screens in Chinese, the app's first language.
import { screenTests } from './screens.mjs'

screenTests('zh-CN')
