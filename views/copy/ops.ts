// Words of the operations pages (status, a worker's "delete my data") and of
// the admin command line (`npm run admin`), which speaks Chinese and English
// because whoever runs the server may read either.
const mb = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export const ops = {
  statusTitle: "系统状态",
  statusIntro: "给管理员看的运行情况。有警告时请按说明处理,或联系负责服务器的同事。",
  version: "程序版本",
  uptime: "本次已运行",
  uptimeValue: (ms: number) => {
    const m = Math.floor(ms / 60_000);
    return `${Math.floor(m / 1440)} 天 ${Math.floor((m % 1440) / 60)} 小时 ${m % 60} 分`;
  },
  dbSize: "数据库文件",
  walSize: "待合并日志(WAL)",
  remoteDb: "数据库在独立的数据库服务器上",
  bytes: mb,
  migrations: "数据库版本",
  migrationsValue: (n: number, latest: string) => `已升级 ${n} 步,最新一步 ${latest}`,
  lastBackup: "最近一次备份",
  backupValue: (when: string, file: string, bytes: number) => `${when}(${file},${mb(bytes)})`,
  noBackup: "还没有备份过",
  backupStale: "已超过两天没有备份。请在服务器上运行 npm run backup,并检查每天自动备份是否开着。",
  lastHousekeeping: "最近一次个人信息清理",
  housekeepingValue: (when: string, postings: number, workers: number, sms: number) =>
    `${when}:清除 ${postings} 条过期招工的联系方式,注销 ${workers} 名长期不用的工人,删除 ${sms} 条旧短信`,
  noHousekeeping: "还没有运行过(服务器每天自动运行一次)",
  pendingSms: "待发短信",
  pendingSmsValue: (n: number) => `${n} 条`,
  disk: "磁盘剩余空间",
  diskUnknown: "无法读取",
  diskLow: "数据库所在磁盘的剩余空间低于设定的下限(DISK_MIN_FREE_MB,默认 200 MB)。请清理旧备份或扩容,否则系统可能无法保存数据。",
  // A bad environment variable (src/shared/settings.ts): one line for the clerk, then the server stops.
  settings: {
    bad: (name: string, raw: string, why: string) => `环境变量 ${name} 的值 "${raw}" 无效:${why}`,
    int: (min: number, max: number) => `应为 ${min} 到 ${max} 之间的整数`,
    bool: "应为 true 或 false",
    databaseUrl: "应以 file:、libsql: 或 http(s): 开头",
    hotline: "只能含数字和 -",
    networks: (bad: string) => `其中 "${bad}" 不是网段:应写成 10.8.3.0/24、2001:db8:12::/48 或单个地址,多个用逗号隔开`,
  },
  // Mistakes in the region file (REGION_FILE), with the line and the field.
  region: {
    unreadable: (path: string, why: string) => `无法读取地区数据文件 REGION_FILE=${path}(${why}):请检查路径是否写对、文件是否存在、lingong 用户能否读取。`,
    badJson: (path: string, line: number) =>
      `地区数据文件 ${path} 格式有误${line ? `(第 ${line} 行附近)` : ""}:不是正确的 JSON。常见原因:少了或多了逗号、用了中文引号“”或中文逗号,、最后一项后面多了逗号。写法见 docs/region-file.zh-CN.md。`,
    badField: (path: string, line: number, where: string, field: string, problem: string) =>
      `地区数据文件 ${path} 格式有误(第 ${line} 行,${field},即 ${where || "整个文件"}):${problem}。写法见 docs/region-file.zh-CN.md。`,
    strayTownship: (path: string, line: number, name: string, code: string) =>
      `地区数据文件 ${path} 第 ${line} 行:乡镇 ${name} 的县级代码 ${code} 不在 counties 中(所属县代码要和 counties 里的某个县一致)。`,
    strayBrand: (path: string, line: number, name: string, code: string) =>
      `地区数据文件 ${path} 第 ${line} 行:品牌 ${name} 的县级代码 ${code} 不在 counties 中。`,
    missing: "缺少这一项",
    digits: (n: number) => `应为 ${n} 位数字的行政区划代码,写在英文双引号里,例如 "${n === 6 ? "411000" : "411024100"}"`,
    hotline: "只能含数字和 -,3 到 20 位,例如 \"0374-12333\"",
    emptyList: "至少要有一项",
    emptyText: "不能是空的",
    integer: "应为整数(不带小数点和引号)",
    positive: "应大于 0",
    expected: {
      string: "应为文字,写在英文双引号里",
      number: "应为数字,不带引号",
      array: "应为列表,用 [ ] 括起来",
      object: "应为一组设置,用 { } 括起来",
    },
    item: (n: number) => `第 ${n} 项的`,
    fields: {
      city: "市",
      code: "代码",
      name: "名称",
      siteName: "网站名称",
      hotline: "监管热线",
      minWage: "最低工资",
      hourlyFen: "小时最低工资(分)",
      monthlyFen: "月最低工资(分)",
      counties: "县(市、区)列表",
      townships: "乡镇列表",
      countyCode: "所属县代码",
      workKinds: "工种列表",
      brands: "劳务品牌列表",
      county: "所属县代码",
    },
  },
  // Why the server did not start: one line each, read in `journalctl -u lingong`.
  start: {
    missingDb: (path: string, url: string) =>
      `找不到数据库文件 ${path}(DATABASE_URL=${url}),服务不会自己新建一个空数据库。` +
      `如果这是首次安装,请运行 sudo lingong-admin init 建好数据库再启动;` +
      `否则请检查 /etc/lingong/lingong.env 里的 DATABASE_URL 是否写错、数据盘是否已挂载(df -h),` +
      `文件确实丢了就从备份恢复:sudo lingong-admin restore /var/backups/lingong/最新的备份.db(安装手册第 7 节)。`,
    config: (m: string) => `配置错误: ${m} 改好 /etc/lingong/lingong.env 后再 sudo systemctl restart lingong。`,
    newerHint: "(见安装手册第 8 节“退回旧版本”)",
    staleBundle: (files: string) => `程序代码比打包文件 dist/main.js 新(${files}):请先在 /opt/lingong 运行 sudo npm run build,再启动。`,
    setupLink: (link: string) => `\n首次使用:请在 24 小时内打开下面的链接,设置市级管理员账号(只能用一次):\n${link}\n`,
    portInUse: (port: number) => `端口 ${port} 已被别的程序占用(EADDRINUSE):用 sudo ss -ltnp | grep :${port} 查是谁,停掉它,或在设置文件里换一个 PORT(nginx 里的端口也要一起改)。`,
    portDenied: (port: number) => `没有权限监听端口 ${port}:1024 以下的端口要管理员权限,请用 3000 之类的端口,由 nginx 对外提供 80/443。`,
    readOnly: (path: string) => `数据库 ${path} 只读,无法保存数据(SQLITE_READONLY):请检查文件和目录的权限(sudo chown -R lingong:lingong /var/lib/lingong)、磁盘是否以只读方式挂载(mount | grep ' ro,'),改好后再启动。`,
    cantOpen: (path: string) => `打不开数据库 ${path}(SQLITE_CANTOPEN):请检查目录是否存在、权限是否正确(sudo chown -R lingong:lingong /var/lib/lingong)。`,
    corrupt: (path: string) => `数据库 ${path} 已损坏或不是本系统的数据库:请停止服务,按安装手册第 7 节从最近的备份恢复。`,
    diskFull: (path: string) => `磁盘已满,数据库 ${path} 无法写入(SQLITE_FULL):请清理旧备份或扩容(df -h)。有空间后服务会自动重启。`,
    ioError: (path: string) => `读写数据库 ${path} 出错(SQLITE_IOERR):请检查磁盘(dmesg、df -h)。服务会自动重试。`,
    unknown: (m: string) => `启动失败:${m}。服务会自动重试;一直失败请看 journalctl -u lingong -n 50。`,
    created: (path: string) => `已新建数据库 ${path}。`,
  },
  // /healthz and the status page: what is wrong, in one line each (the code is for alarms).
  health: {
    db_unreadable: "读不了数据库。请看日志(journalctl -u lingong -n 50),检查数据库文件和磁盘。",
    db_missing: "数据库文件不见了(被删除或移走),服务还开着旧文件,新保存的内容重启后会丢失。请马上停止服务,检查 DATABASE_URL 和数据盘,按安装手册第 7 节从备份恢复。",
    db_replaced: "数据库文件被换成了另一个文件,服务还开着旧文件。请停止服务,确认哪个文件是对的,再启动。",
    write_failed: "最近保存数据失败(磁盘满了、只读,或读写出错)。请检查磁盘空间(df -h)和数据库目录的权限,日志里有原因。",
    disk_low: "数据库所在磁盘的剩余空间低于设定的下限(DISK_MIN_FREE_MB,默认 200 MB)。请清理旧备份或扩容。",
  },
  healthTitle: "健康检查",
  healthOk: "正常:能读写数据库,磁盘空间够用。",
  healthBad: "不正常(/healthz 返回 503):",
  recentErrors: "最近的错误",
  noRecentErrors: "本次启动以来没有错误。",
  recentErrorValue: (when: string, msg: string, req: string | undefined, error: string | undefined) =>
    `${when} ${msg}${error ? `:${error}` : ""}${req ? `(错误编号 ${req})` : ""}`,
  retention: "个人信息保存期限",
  retentionValue: (posting: number, worker: number, sms: number) =>
    `招工联系方式 ${posting} 天;工人 ${worker} 天不用即注销;短信记录 ${sms} 天`,

  // A worker's "delete my data" request, handled by station staff.
  forgetTitle: "注销工人并删除个人信息",
  forgetIntro: "工人本人要求删除个人信息时使用。请先核对本人身份。注销后无法恢复,只保留不含个人信息的统计数字。",
  forgetLookup: "工人的手机号或工人卡号",
  forgetLookupHint: "手机号 11 位;卡号是工人卡上的 6 位字母数字",
  forgetFind: "查找",
  forgetNotFound: "没有找到这个工人,或不在您管辖的范围内。",
  forgetConfirmTitle: "确认注销这名工人",
  name: "姓名",
  phone: "手机号",
  county: "所在县(市、区)",
  registered: "注册时间",
  forgetWhat: "将删除:姓名、手机号、身份证号、出生年份、性别、工人卡号、密码、求职信息、站内消息;尚未确定的报名会撤回。保留:报名、用工、签到的统计数字。",
  forgetCheck: "我已核对本人身份,本人要求删除个人信息",
  forgetMustCheck: "请先勾选确认",
  forgetButton: "注销并删除",
  forgetDone: "已注销,个人信息已删除。",
  forgetRefused: {
    notWorker: "只能注销工人账号。",
    alreadyForgotten: "这个账号已经注销过了。",
    activeHire: "这名工人还有没结束的用工,雇主还要联系他。请等用工结束后再注销。",
    openCase: "这名工人还有没办结的投诉,热线还要联系他。请等案件办结后再注销。",
  },
  forgottenName: "已注销",

  meStatus: "系统状态",
  meForget: "注销工人(删除个人信息)",

  /** The admin command line: every line in Chinese, then English. */
  cli: {
    usage: `零工市场管理命令 / lingong admin commands

用法 / usage:  npm run admin -- <命令 command> [参数 args]

  setup-link              生成设置第一个市级管理员的链接(24 小时有效;旧链接随即失效;已有市级管理员时拒绝)
                          print a one-time link to create the first city admin (ends older links; refused once one exists)
  reset-password <手机号>  给工作人员或管理员重设密码,只显示一次;并让其退出登录
                          new random password for a staff/admin account (shown once); ends their sessions
  disable <手机号>         停用账号并让其退出登录 / disable an account and end its sessions
  enable <手机号>          重新启用停用的账号 / enable a disabled account again
  unlock <手机号>          解除输错密码造成的锁定 / clear the login lock after too many wrong PINs
  list [--all]            列出工作人员和管理员(--all 含工人和雇主)/ list staff and admins (--all: everyone)
  migrate                 升级数据库结构 / apply database migrations
  backup [文件 file]       备份正在使用的数据库 / copy the live database (safe while the server runs)
  restore <文件 file>      用备份替换数据库(须先停止服务)/ put a backup back (server must be stopped)
  housekeeping            立即清理过期个人信息 / apply the personal-data retention rules now
  status                  显示系统状态 / show the system status
  init                    首次安装时建数据库(正式环境只有它会建)/ create the database on a first install

数据库由环境变量 DATABASE_URL 指定(默认 file:db/lingong.db)。
The database is DATABASE_URL (default file:db/lingong.db). Exit code 0 = done, 1 = failed, 2 = usage error.`,
    unknownCommand: (c: string) => `不认识的命令 "${c}"。运行 npm run admin -- --help 查看用法。\nUnknown command "${c}". Run npm run admin -- --help.`,
    needArg: (c: string, what: string) => `命令 ${c} 需要${what}。\n${c} needs ${what === "手机号" ? "a phone number" : "a file"}.`,
    phoneWord: "手机号",
    fileWord: "文件",
    badPhone: (p: string) => `"${p}" 不是 11 位手机号。\n"${p}" is not an 11-digit mobile number.`,
    noAccount: (p: string) => `没有手机号为 ${p} 的账号。\nNo account with phone ${p}.`,
    notStaffAccount: "只能给工作人员和管理员重设登录密码。工人忘记 6 位密码,请到驿站由工作人员重设。\nOnly staff and admin passwords can be reset here; workers reset their PIN at a station.",
    newPassword: (name: string, p: string, pw: string) =>
      `已为 ${name}(${p})重设密码,并让其退出所有登录。新密码只显示这一次:\nPassword reset for ${name} (${p}); all their sessions ended. New password, shown once:\n\n    ${pw}\n`,
    disabled: (name: string, p: string) => `已停用 ${name}(${p}),并让其退出所有登录。\nDisabled ${name} (${p}) and ended their sessions.`,
    alreadyDisabled: (name: string, p: string) => `${name}(${p})本来就是停用状态。\n${name} (${p}) was already disabled.`,
    enabled: (name: string, p: string) => `已重新启用 ${name}(${p})。\nEnabled ${name} (${p}).`,
    notDisabled: (name: string, p: string) => `${name}(${p})没有被停用。\n${name} (${p}) is not disabled.`,
    unlocked: (p: string) => `已解除 ${p} 的登录锁定,可以再试着登录了。\nLogin lock cleared for ${p}.`,
    notLocked: (p: string) => `${p} 没有被锁定(已确认清除其错误次数)。\n${p} was not locked; its failure count is cleared.`,
    listHeader: "身份 role | 姓名 name | 手机 phone | 范围 scope | 状态 state",
    listDisabled: "已停用 disabled",
    listActive: "在用 active",
    listEmpty: "没有账号。\nNo accounts.",
    listCount: (n: number) => `共 ${n} 个账号 / ${n} account(s)`,
    initDone: (p: string) =>
      `已建好数据库 ${p}。现在启动服务(sudo systemctl enable --now lingong),日志里会出现设置市级管理员的链接。\nDatabase created: ${p}. Start the server now; its log shows the setup link.`,
    initExists: (p: string) => `数据库 ${p} 已经存在,不需要初始化,什么也没有改。\nThe database ${p} already exists; nothing changed.`,
    hasCityAdmin:
      "已经有市级管理员了,设置链接不再发放(加什么参数都一样)。忘记密码请用 reset-password <手机号>;账号被停用请用 enable <手机号>;要再建一个市级管理员,请市级管理员登录后在“账号管理”里添加。\nA city admin already exists: setup links are no longer issued, whatever the flags. Use reset-password <phone> or enable <phone>; a city admin adds more admins on the accounts page.",
    setupLink: (link: string) => `请在 24 小时内用浏览器打开下面的链接,设置市级管理员(只能用一次):\nOpen this link within 24 hours to set up a city admin (one use only):\n\n    ${link}\n`,
    migrated: (names: string[]) => (names.length ? `已升级数据库:\nMigrations applied:\n  ${names.join("\n  ")}` : "数据库已是最新,无需升级。\nThe database is up to date."),
    backupDone: (path: string, bytes: number, ms: number) => `备份完成 / backup written: ${path}\n大小 size ${mb(bytes)},用时 took ${ms} ms`,
    pruned: (names: string[]) => `按 BACKUP_KEEP 删除了旧备份 / removed old backups: ${names.join(", ")}`,
    restoreDone: (db: string, kept: string | null, pending: string[]) =>
      `已恢复数据库 / restored: ${db}` +
      (kept ? `\n原来的数据库另存为 / the replaced database was kept as: ${kept}` : "") +
      (pending.length ? `\n这个备份来自旧版本,下次启动时会自动升级 / older backup: the next start applies ${pending.length} migration(s)` : "") +
      "\n现在可以启动服务了 / you can start the server now.",
    housekeepingDone: (postings: number, workers: number, sms: number, ms: number) =>
      `个人信息清理完成 / housekeeping done (${ms} ms):\n  清除过期招工联系方式 posting contacts blanked: ${postings}\n  注销长期不用的工人 inactive workers anonymized: ${workers}\n  删除旧短信 old SMS deleted: ${sms}`,
    notAFile: (url: string) =>
      `DATABASE_URL=${url} 不是本机文件。数据库服务器(sqld)请用它自己的备份办法。\nDATABASE_URL is not a local file; back up a database server with its own tools.`,
    noDatabase: (p: string) => `找不到数据库文件 ${p}。请检查 DATABASE_URL 和当前目录。\nDatabase file not found: ${p}. Check DATABASE_URL and the working directory.`,
    targetExists: (p: string) => `${p} 已经存在,不会覆盖。请换一个文件名。\n${p} already exists; choose another name.`,
    backupFailed: (m: string) => `备份失败 / backup failed: ${m}`,
    backupBad: (v: string) => `备份文件检查没通过,已删除 / the copy failed its check and was removed: ${v}`,
    noSuchFile: (p: string) => `找不到文件 ${p}。\nNo such file: ${p}.`,
    notADatabase: (p: string, m: string) => `${p} 不是可用的数据库文件(${m})。\n${p} is not a usable database file.`,
    integrityFailed: (p: string, v: string) => `${p} 已损坏,不能用来恢复(${v})。请换一个备份。\n${p} is damaged; use another backup.`,
    notOurs: (p: string) => `${p} 不是本系统的数据库(没有 schema_migrations 表)。\n${p} is not a database of this application.`,
    tooNew: (p: string, names: string[]) =>
      `${p} 来自更新的程序版本(含本程序不认识的升级 ${names.join(", ")}),请先升级程序。\n${p} comes from a newer version of the application; upgrade the code first.`,
    serverRunning: (p: string) =>
      `数据库 ${p} 正被其他程序使用,服务似乎还在运行。请先停止服务(sudo systemctl stop lingong),再恢复。\nThe database is open in another process (is the server running?). Stop it first, then restore.`,
    sameFile: "不能用数据库文件自己来恢复自己。\nThe backup is the live database file itself.",
    newerDatabase: (m: string) => `${m}\nThe database comes from a newer version of the application; upgrade the code first.`,
    failed: (m: string) => `出错了 / failed: ${m}`,
  },
} as const;
