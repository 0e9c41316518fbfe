// The open API's own words: the title and description in its OpenAPI document
// and index (read by developers of mini-programs, in Chinese).
export const api = {
  title: (city: string) => `${city}零工市场 开放数据接口`,
  description:
    "只读的开放数据:正在招人的活、零工市场和驿站名录及日均数。不含任何个人信息(不含联系人、电话、身份证号、工人名单)。" +
    "任何网站和小程序都可以直接读取(CORS 允许 GET);答复带 ETag,未变时答 304。说明文档:docs/api.zh-CN.md。",
} as const;
