import type zhCN from './zh-CN'

const enUS: typeof zhCN = {
  app: { name: 'LCS Account' },
  nav: { home: 'Home', messages: 'Messages', settings: 'Settings', back: 'Back' },
  // Page titles, keyed by route name: `pages.lcs.account.login`.
  pages: {
    lcs: {
      home: 'Home',
      account: {
        login: 'Sign in',
        register: 'Create account',
        forgetpwd: 'Forgot password',
        setpwd: 'Set password',
        password: 'Change password',
        personinfo: 'Personal information',
        edit: 'Edit profile',
        certify: 'Identity verification',
        mobile: 'Mobile number',
        level: 'User level',
        switch: 'Trading accounts',
      },
      address: {
        list: 'Delivery addresses',
        edit: 'Edit address',
      },
      invoice: {
        list: 'Invoices',
        edit: 'Edit invoice',
      },
      message: {
        list: 'Messages',
        chat: 'Conversation',
      },
      settings: 'Settings',
      protocol: 'Privacy policy',
      web: 'Web page',
    },
  },
  home: {
    signedOut: 'Not signed in',
    signInHint: 'Sign in to see your profile, accounts and messages',
    signIn: 'Sign in / Register',
    accounts: 'Trading accounts',
    accountsEmpty: 'Your real and demo accounts appear here once you sign in',
    services: 'Services',
    unread: 'Unread messages',
  },
  settings: {
    language: 'Language',
    followSystem: 'Follow system',
    languageSaved: 'Language changed',
    about: 'About',
    version: 'Version',
    build: 'Build',
    buildKind: { debug: 'Debug', release: 'Release' },
    tauri: 'Tauri',
    identifier: 'App ID',
    environment: 'Backend',
    environments: { sandbox: 'Sandbox (built-in)' },
    unavailable: 'Unavailable',
  },
  placeholder: { soon: 'This page is coming soon' },
  errors: {
    unknown: 'Something went wrong',
    trace: 'Trace ID',
  },
}

export default enUS
