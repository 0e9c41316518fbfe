// Words for the messages feature: the inbox (我的消息).
export const messages = {
  inboxTitle: "我的消息",
  inboxIntro: "审核结果、报名和用工的变化都会发到这里,重要的也会发短信。",
  none: "还没有消息。",
  unread: "未读",
  unreadCount: (n: number) => `${n} 条未读`,
  markAllRead: "全部标为已读",
  markedRead: "已全部标为已读。",
  open: "去看看",
  meInbox: (n: number) => (n > 0 ? `我的消息(${n} 条未读)` : "我的消息"),
} as const;
