//! Family B, the user centre (用户中心; seed 002): profile, delivery addresses, invoices,
//! in-app messages, sign-in and WeChat. Parameters travel in the query string, also for POST.
