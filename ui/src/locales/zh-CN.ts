export default {
  app: { name: 'LCS 账户' },
  nav: { home: '首页', messages: '消息', settings: '设置', back: '返回' },
  // Page titles, keyed by route name: `pages.lcs.account.login`.
  pages: {
    lcs: {
      home: '首页',
      account: {
        login: '登录',
        register: '注册',
        forgetpwd: '忘记密码',
        setpwd: '设置密码',
        password: '修改密码',
        personinfo: '个人信息',
        edit: '编辑资料',
        certify: '实名认证',
        mobile: '绑定手机',
        level: '用户等级',
        switch: '交易账户',
      },
      address: {
        list: '收货地址',
        edit: '编辑地址',
      },
      invoice: {
        list: '发票',
        edit: '编辑发票',
      },
      message: {
        list: '消息',
        chat: '会话',
      },
      settings: '设置',
      protocol: '隐私协议',
      web: '网页',
    },
  },
  home: {
    signedOut: '未登录',
    signInHint: '登录后查看资料、交易账户与消息',
    signIn: '登录 / 注册',
    accounts: '交易账户',
    accountsEmpty: '登录后显示您的真实账户与模拟账户',
    services: '常用服务',
    unread: '未读消息',
  },
  settings: {
    language: '语言',
    followSystem: '跟随系统',
    languageSaved: '语言已切换',
    about: '关于',
    version: '版本',
    build: '构建',
    buildKind: { debug: '调试版', release: '正式版' },
    tauri: 'Tauri',
    identifier: '应用标识',
  },
  placeholder: { soon: '此页面即将推出' },
  errors: {
    unknown: '出现未知错误',
    trace: '追踪号',
  },
}
