//! Family C, the financial-planner API (理财师端接口; seed 003): tokens, registration,
//! passwords, the avatar upload and the account detail. Every call carries `platid`, `vercode`
//! and `channel`; errors are numeric strings in `error`.
