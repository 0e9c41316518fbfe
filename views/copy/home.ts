export const home = {
  title: "首页",
  lead: "找活、招工,都在这里。全部免费。",
  todayJobs: "今天的快招活",
  newestJobs: "最新的活",
  noTodayJobs: "今天还没有快招活。",
  moreJobs: "查看全部的活",
  quickHire: "今天就要人?即时快招",
  findWork: "我要找活",
  hire: "我要招工",
  nearStation: "附近的零工驿站",
  byCounty: "按县(市、区)找活",
  textSizeTitle: "字体大小",
} as const;
