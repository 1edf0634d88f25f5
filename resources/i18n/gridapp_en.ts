<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>版本：{version}</source>
        <translation>Version: {version}</translation>
    </message>
    <message>
        <source>数据来源</source>
        <translation>Data sources</translation>
    </message>
    <message>
        <source>字体</source>
        <translation>Fonts</translation>
    </message>
    <message>
        <source>界面库</source>
        <translation>Interface library</translation>
    </message>
    <message>
        <source>其他程序库</source>
        <translation>Other libraries</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>许可</source>
        <translation>License</translation>
    </message>
    <message>
        <source>完整的许可文本在：{folder}</source>
        <translation>The full license texts are in: {folder}</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>{action}：{title}</source>
        <translation>{action}: {title}</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>第5步：管理员密码</source>
        <translation>Step 5: Administrator password</translation>
    </message>
    <message>
        <source>本程序保存着群众的身份证号、电话等个人信息，每次打开都要登录。请给管理员设置密码，记牢或写下来锁好。以后可以在“用户”页给网格员等开设各自的账号。</source>
        <translation>This program holds people&apos;s ID numbers, phone numbers and other personal information, so you must sign in each time you open it. Please set a password for the administrator, and remember it or write it down and lock it away. Later you can create separate accounts for grid workers and others on the &quot;Users&quot; page.</translation>
    </message>
    <message>
        <source>管理员用户名：</source>
        <translation>Administrator user name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>第5步：导入</source>
        <translation>Step 5: Import</translation>
    </message>
    <message>
        <source>保存问题清单…</source>
        <translation>Save problem list…</translation>
    </message>
    <message>
        <source>撤销这次导入</source>
        <translation>Undo this import</translation>
    </message>
    <message>
        <source>正在导入花名册，请稍候…</source>
        <translation>Importing the roster, please wait…</translation>
    </message>
    <message>
        <source>正在导入（改动很多时先备份数据库），请稍候…</source>
        <translation>Importing (the database is backed up first when there are many changes), please wait…</translation>
    </message>
    <message>
        <source>导入前的数据已备份到：{path}</source>
        <translation>The data before the import was backed up to: {path}</translation>
    </message>
    <message>
        <source>导入前的数据已逐条留底：如有问题，可以点“撤销这次导入”。</source>
        <translation>Each record was saved before the import: if something is wrong, you can click &quot;Undo this import&quot;.</translation>
    </message>
    <message>
        <source>已撤销这次导入：数据库回到了导入前的样子。</source>
        <translation>This import was undone: the database is back as it was before the import.</translation>
    </message>
    <message>
        <source>导入已取消，数据库没有任何改动。</source>
        <translation>The import was canceled; nothing in the database was changed.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>遮挡身份证号和电话</source>
        <translation>ID numbers and phone numbers masked</translation>
    </message>
    <message>
        <source>全量</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>对方单位</source>
        <translation>Other office</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>设置为</source>
        <translation>Set to</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>导入文件</source>
        <translation>Imported file</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>规模</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>随机数</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>只看选中的记录</source>
        <translation>Only the selected record</translation>
    </message>
    <message>
        <source>只列出选中这一行所说的那条记录（某一户、某个人、某件事）的日志</source>
        <translation>List only the log entries for the record named in the selected row (a household, a person or a case)</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>只列出最近的 {n} 条，要看更早的请缩小筛选范围（用户、日期、类型）。</source>
        <translation>Only the latest {n} entries are listed. To see older ones, narrow the filter (user, date, type).</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} in all</translation>
    </message>
    <message>
        <source>记录：{label}</source>
        <translation>Record: {label}</translation>
    </message>
    <message>
        <source>记录：全部</source>
        <translation>Record: all</translation>
    </message>
    <message>
        <source>请先在列表里点选一行有“对象”的日志。</source>
        <translation>Please first click a row in the list that has a &quot;Record&quot;.</translation>
    </message>
    <message>
        <source>这一条日志说的不是住户、人员或事件，没有可以打开的记录。</source>
        <translation>This log entry is not about a household, a person or a case, so there is no record to open.</translation>
    </message>
    <message>
        <source>找不到这个人员，可能已经删除，或不在您的工作范围内。</source>
        <translation>This person cannot be found. It may have been deleted, or it is outside your work area.</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>已导出 {n} 条到：{path}</source>
        <translation>Exported {n} entries to: {path}</translation>
    </message>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>备份时间</source>
        <translation>Backup time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>用选中的备份恢复…</source>
        <translation>Restore from the selected backup…</translation>
    </message>
    <message>
        <source>全面检查数据库</source>
        <translation>Check the whole database</translation>
    </message>
    <message>
        <source>选择第二份备份的文件夹…</source>
        <translation>Choose a folder for the second copy…</translation>
    </message>
    <message>
        <source>立即写第二份备份</source>
        <translation>Write the second copy now</translation>
    </message>
    <message>
        <source>第二份备份（U盘、另一块磁盘或网络共享文件夹）</source>
        <translation>Second copy (USB stick, another disk or a shared network folder)</translation>
    </message>
    <message>
        <source>每次升级、导入和同步之前都会自动备份；选了第二份备份的文件夹后，每天第一次打开程序时还会自动备份到那里并检查。恢复时，当前的数据库会先另存一份。</source>
        <translation>A backup is made automatically before every upgrade, import and sync. Once you choose a folder for the second copy, the program also backs up there and checks it the first time it is opened each day. When you restore, a copy of the current database is saved first.</translation>
    </message>
    <message>
        <source>服务器数据库由服务器管理员备份，这里不能复制文件。</source>
        <translation>The server database is backed up by the server administrator; files cannot be copied here.</translation>
    </message>
    <message>
        <source>第二份</source>
        <translation>Second copy</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>还没有选择。硬盘坏了，本机的备份也会一起丢失——请选一个U盘或另一块磁盘上的文件夹。</source>
        <translation>Not chosen yet. If the hard disk fails, the backups on this computer are lost with it. Please choose a folder on a USB stick or another disk.</translation>
    </message>
    <message>
        <source>还没有</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>位置：{folder}
最近一份：{newest}</source>
        <translation>Location: {folder}
Latest copy: {newest}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>正在写第二份备份并检查…</source>
        <translation>Writing and checking the second copy…</translation>
    </message>
    <message>
        <source>第二份备份已写好并检查通过：{path}</source>
        <translation>The second copy was written and checked: {path}</translation>
    </message>
    <message>
        <source>选择第二份备份的文件夹</source>
        <translation>Choose a folder for the second copy</translation>
    </message>
    <message>
        <source>正在全面检查数据库文件（大的数据库要几分钟）…</source>
        <translation>Checking the whole database file (a large database takes a few minutes)…</translation>
    </message>
    <message>
        <source>检查发现问题：{problem}。请用最近一份完好的备份恢复。</source>
        <translation>The check found a problem: {problem}. Please restore from the latest good backup.</translation>
    </message>
    <message>
        <source>检查完毕，数据库文件完好。</source>
        <translation>Check complete: the database file is in good order.</translation>
    </message>
    <message>
        <source>请先保存或关闭这些窗口，再恢复备份：{windows}</source>
        <translation>Please save or close these windows before restoring a backup: {windows}</translation>
    </message>
    <message>
        <source>用 {at} 的备份（{reason}，{households} 户、{persons} 人）替换现在的数据库吗？
现在的数据库会先另存一份备份；恢复之后，程序会重新打开数据库。</source>
        <translation>Replace the current database with the backup from {at} ({reason}, {households} households, {persons} persons)?
A backup of the current database is saved first; after restoring, the program reopens the database.</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>已恢复。原来的数据库另存在：{path}</source>
        <translation>Restored. The previous database was saved to: {path}</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>状态：全部</source>
        <translation>Status: all</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>类别：全部</source>
        <translation>Category: all</translation>
    </message>
    <message>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>受理日期从</source>
        <translation>Accepted from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>编号或标题</source>
        <translation>Number or title</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Date accepted</translation>
    </message>
    <message>
        <source>这里还没有事件。
群众反映或巡查发现问题时，点下面的“登记事件”记下来。</source>
        <translation>There are no cases here yet.
When residents report a problem or a patrol finds one, click &quot;Register case&quot; below to record it.</translation>
    </message>
    <message>
        <source>没有符合条件的事件。
可以把上面的筛选改回“全部”，或清空日期和编号。</source>
        <translation>No cases match the filters.
You can set the filters above back to &quot;all&quot;, or clear the dates and the number.</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Register case</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>时效</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>小类</source>
        <translation>Subtype</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Accepted at</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>承办</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>{scope}：列出 {shown} 件（共 {total} 件，办理中 {running} 件，已超期 {overdue} 件，已归档 {archived} 件）</source>
        <translation>{scope}: showing {shown} cases ({total} in all, {running} in progress, {overdue} overdue, {archived} archived)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>CaseWindow</name>
    <message>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>场所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>办结期限</source>
        <translation>Deadline to close</translation>
    </message>
    <message>
        <source>承办层级</source>
        <translation>Handling level</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Handling department</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>承办</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>情况描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>公示内容</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>单</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>关联住户、人员、场所</source>
        <translation>Linked households, persons and places</translation>
    </message>
    <message>
        <source>照片和附件（双击打开）</source>
        <translation>Photos and attachments (double-click to open)</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>Case history</translation>
    </message>
    <message>
        <source>打印一事五单</source>
        <translation>Print five sheets of a case</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>事件 {number}</source>
        <translation>Case {number}</translation>
    </message>
    <message>
        <source>状态：{step}&#x3000;紧急程度：{urgency}&#x3000;受理：{accepted}&#x3000;办理期限：{deadline}</source>
        <translation>Status: {step}   Urgency: {urgency}   Accepted: {accepted}   Deadline: {deadline}</translation>
    </message>
    <message>
        <source>&#x3000;已超期</source>
        <translation>   Overdue</translation>
    </message>
    <message>
        <source>&#x3000;（已归档销号，只能查看）</source>
        <translation>   (archived and closed, view only)</translation>
    </message>
    <message>
        <source>（督办 {n} 次）</source>
        <translation> (urged {n} times)</translation>
    </message>
    <message>
        <source>（退回重办 {n} 次）</source>
        <translation> (returned for rework {n} times)</translation>
    </message>
    <message>
        <source>退回重新办理</source>
        <translation>Returned for rework</translation>
    </message>
    <message>
        <source>超时办结</source>
        <translation>Closed after the deadline</translation>
    </message>
    <message>
        <source>填写{sheet}</source>
        <translation>Fill in the {sheet}</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>正在生成，请稍候…</source>
        <translation>Creating, please wait…</translation>
    </message>
    <message>
        <source>已保存：{path}（{pages} 页）</source>
        <translation>Saved: {path} ({pages} pages)</translation>
    </message>
    <message>
        <source>一事五单没有生成</source>
        <translation>The five sheets of the case were not created</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>{name}，请先输入现在的密码，再输入两遍新密码。</source>
        <translation>{name}, please enter your current password, then your new password twice.</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>原密码：</source>
        <translation>Current password:</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>第4步：检查</source>
        <translation>Step 4: Check</translation>
    </message>
    <message>
        <source>下面是导入后会发生的变化，数据库现在还没有任何改动。有问题的行可以保存成问题清单，改好后再导入。</source>
        <translation>Below are the changes the import will make; nothing in the database has been changed yet. Rows with problems can be saved as a problem list, corrected and imported again.</translation>
    </message>
    <message>
        <source>选择网格…</source>
        <translation>Choose grid…</translation>
    </message>
    <message>
        <source>列出来，由我逐个处理（不改动已登记的人）</source>
        <translation>List them and I will deal with each one (registered persons are not changed)</translation>
    </message>
    <message>
        <source>按表中内容更新已登记的人</source>
        <translation>Update registered persons from the table</translation>
    </message>
    <message>
        <source>跳过，保留已登记的内容</source>
        <translation>Skip them and keep what is registered</translation>
    </message>
    <message>
        <source>在本单位下新建这些网格</source>
        <translation>Create these grids under this office</translation>
    </message>
    <message>
        <source>选择了“导入到网格”时，新网格建在那个网格下面。</source>
        <translation>If &quot;Import into grid&quot; is chosen, the new grids are created under that grid.</translation>
    </message>
    <message>
        <source>保存问题清单…</source>
        <translation>Save problem list…</translation>
    </message>
    <message>
        <source>导入到网格：</source>
        <translation>Import into grid:</translation>
    </message>
    <message>
        <source>已登记过的人：</source>
        <translation>Persons already registered:</translation>
    </message>
    <message>
        <source>导入到网格</source>
        <translation>Import into grid</translation>
    </message>
    <message>
        <source>表中没有填写“所属网格”的人，导入到哪个网格？</source>
        <translation>Which grid should persons with no &quot;Grid&quot; in the table be imported into?</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(not chosen)</translation>
    </message>
    <message>
        <source>按表中“所属网格”列；没填的导入到 </source>
        <translation>By the &quot;Grid&quot; column in the table; rows without one go into </translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation>Checking each row…</translation>
    </message>
    <message>
        <source>{parent} / {name}（表中{rows}行）</source>
        <translation>{parent} / {name} ({rows} rows in the table)</translation>
    </message>
    <message>
        <source>表中“所属网格”写的这些网格还不存在：{names}。不新建的话，这些行不能导入。</source>
        <translation>These grids named in the &quot;Grid&quot; column do not exist yet: {names}. Unless they are created, these rows cannot be imported.</translation>
    </message>
</context>
<context>
    <name>ChooseHouseholdDialog</name>
    <message>
        <source>输入户号、户主姓名、拼音首字母或地址</source>
        <translation>Enter household no., head of household&apos;s name, pinyin initials or address</translation>
    </message>
    <message>
        <source>{number}号  {head}  {address}</source>
        <translation>No. {number}  {head}  {address}</translation>
    </message>
    <message>
        <source>{text}（{reason}）</source>
        <translation>{text} ({reason})</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>已选 {n} 户</source>
        <translation>{n} households selected</translation>
    </message>
    <message>
        <source>这里没有可选的住户。</source>
        <translation>There are no households to choose from here.</translation>
    </message>
</context>
<context>
    <name>ChooseNodeDialog</name>
    <message>
        <source>请在上面点选一个网格。</source>
        <translation>Please click a grid above.</translation>
    </message>
</context>
<context>
    <name>CodeCombo</name>
    <message>
        <source>请选择{title}</source>
        <translation>Please choose {title}</translation>
    </message>
    <message>
        <source>“{text}”不是可选的{title}，请从列表中选择</source>
        <translation>&quot;{text}&quot; is not a valid {title}. Please choose from the list</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>处理冲突：{title}</source>
        <translation>Resolve conflict: {title}</translation>
    </message>
    <message>
        <source>现在的版本</source>
        <translation>Current version</translation>
    </message>
    <message>
        <source>另一版本</source>
        <translation>Other version</translation>
    </message>
    <message>
        <source>{table}“{title}”在两个单位都被修改过。下面列出不同的内容，请逐项点选要保留的值；自动合并时采用的是左边一栏。</source>
        <translation>{table} &quot;{title}&quot; was changed at both offices. The differences are listed below; please click the value to keep for each item. Automatic merging used the left column.</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>全部用左边</source>
        <translation>Use all from left</translation>
    </message>
    <message>
        <source>全部用右边</source>
        <translation>Use all from right</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>本机版本（{office}）</source>
        <translation>This computer&apos;s version ({office})</translation>
    </message>
    <message>
        <source>对方版本（{office}）</source>
        <translation>Other office&apos;s version ({office})</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>现在的版本来自</source>
        <translation>Current version from</translation>
    </message>
    <message>
        <source>另一版本来自</source>
        <translation>Other version from</translation>
    </message>
    <message>
        <source>不同的项目</source>
        <translation>Different items</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found at</translation>
    </message>
    <message>
        <source>处理…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <source>同一条记录在两个单位都改过时列在这里，请选中后点“处理…”。</source>
        <translation>When the same record was changed at two offices, it is listed here. Select it and click &quot;Resolve…&quot;.</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>There are no conflicts to resolve.</translation>
    </message>
</context>
<context>
    <name>CountsTable</name>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>DamagedDialog</name>
    <message>
        <source>数据库文件打不开</source>
        <translation>The database file cannot be opened</translation>
    </message>
    <message>
        <source>数据库文件 {file} 打不开：{problem}。

这个文件会原样保留，不会被覆盖。</source>
        <translation>The database file {file} cannot be opened: {problem}.

The file is kept as it is and will not be overwritten.</translation>
    </message>
    <message>
        <source>最近一份完好的备份是 {at}（{reason}，{households} 户、{persons} 人）。用它恢复，就回到那时的数据。</source>
        <translation>The latest good backup is from {at} ({reason}, {households} households, {persons} persons). Restoring it takes the data back to that time.</translation>
    </message>
    <message>
        <source>没有找到完好的备份。可以选择U盘上的备份文件，或者把这个文件交给技术人员。</source>
        <translation>No good backup was found. You can choose a backup file on a USB stick, or give this file to a technician.</translation>
    </message>
    <message>
        <source>用这份备份恢复</source>
        <translation>Restore from this backup</translation>
    </message>
    <message>
        <source>选择其他备份文件…</source>
        <translation>Choose another backup file…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose backup file</translation>
    </message>
    <message>
        <source>数据库备份 (*.sqlite3)</source>
        <translation>Database backups (*.sqlite3)</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>正在统计图表…</source>
        <translation>Drawing the charts…</translation>
    </message>
    <message>
        <source>{scope}概况（点击图中的柱子查看名单）：</source>
        <translation>Overview of {scope} (click a bar in a chart to see the list):</translation>
    </message>
    <message>
        <source>图表没有统计出来：{error}</source>
        <translation>The charts could not be drawn: {error}</translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <source>本机数据库文件</source>
        <translation>Database file on this computer</translation>
    </message>
    <message>
        <source>服务器数据库（县、乡镇的 PostgreSQL 服务器）</source>
        <translation>Server database (PostgreSQL server of the county or town)</translation>
    </message>
    <message>
        <source>例如 192.168.1.10</source>
        <translation>e.g. 192.168.1.10</translation>
    </message>
    <message>
        <source>已保存（不显示）</source>
        <translation>Saved (hidden)</translation>
    </message>
    <message>
        <source>加密连接（TLS）</source>
        <translation>Encrypted connection (TLS)</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>立即重新打开</source>
        <translation>Reopen now</translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>数据库名：</source>
        <translation>Database name:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>当前数据库：</source>
        <translation>Current database:</translation>
    </message>
    <message>
        <source>注意：环境变量 GRIDAPP_DB 指定了数据库，它优先于这里保存的设置。</source>
        <translation>Note: the environment variable GRIDAPP_DB names a database, and it takes priority over the settings saved here.</translation>
    </message>
    <message>
        <source>请填写服务器地址。</source>
        <translation>Please enter the server address.</translation>
    </message>
    <message>
        <source>正在连接 {host}…</source>
        <translation>Connecting to {host}…</translation>
    </message>
    <message>
        <source>这是一个空数据库，请先用 gridapp server init 建立（见 docs/server.md）。</source>
        <translation>This is an empty database. Please set it up first with gridapp server init (see docs/server.md).</translation>
    </message>
    <message>
        <source>{households}户，{persons}人。</source>
        <translation>{households} households, {persons} persons.</translation>
    </message>
    <message>
        <source>连接成功：PostgreSQL {version}。</source>
        <translation>Connected: PostgreSQL {version}.</translation>
    </message>
    <message>
        <source>请填写服务器地址、数据库名和用户名。</source>
        <translation>Please enter the server address, database name and user name.</translation>
    </message>
    <message>
        <source>已保存。下次启动程序时生效，也可以点“立即重新打开”。</source>
        <translation>Saved. It takes effect the next time the program starts, or click &quot;Reopen now&quot;.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>如 1965-03-02</source>
        <translation>e.g. 1965-03-02</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>第{n}步：确认并建立</source>
        <translation>Step {n}: Confirm and create</translation>
    </message>
    <message>
        <source>单位名称：{name}</source>
        <translation>Office name: {name}</translation>
    </message>
    <message>
        <source>所在地：{path}（{code}）</source>
        <translation>Location: {path} ({code})</translation>
    </message>
    <message>
        <source>网格：{n} 个（{names}），微网格 {m} 个</source>
        <translation>Grids: {n} ({names}), micro-grids: {m}</translation>
    </message>
    <message>
        <source>同步口令：已填写</source>
        <translation>Sync passphrase: entered</translation>
    </message>
    <message>
        <source>同步口令：以后在“设置”页填写</source>
        <translation>Sync passphrase: enter it later on the &quot;Settings&quot; page</translation>
    </message>
    <message>
        <source>管理员：用户名 {admin}，密码已设置</source>
        <translation>Administrator: user name {admin}, password set</translation>
    </message>
    <message>
        <source>点“完成”建立本单位。</source>
        <translation>Click &quot;Finish&quot; to create this office.</translation>
    </message>
    <message>
        <source>正在建立，请稍候…</source>
        <translation>Creating, please wait…</translation>
    </message>
    <message>
        <source>没有建立：</source>
        <translation>Not created:</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found at</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>登记单位</source>
        <translation>Registering office</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>保留选中的人员并合并</source>
        <translation>Keep selected person and merge</translation>
    </message>
    <message>
        <source>不是同一人</source>
        <translation>Not the same person</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>同一个身份证号在不同单位登记成了两个人。在下面选中要保留的那条，再点“合并”；另一条的标签并入后移到回收站。</source>
        <translation>The same ID number was registered as two persons at different offices. Select the one to keep below, then click &quot;Keep selected person and merge&quot;; the other one&apos;s tags are merged in and it is moved to the recycle bin.</translation>
    </message>
    <message>
        <source>没有疑似重复的人员。</source>
        <translation>There are no suspected duplicate persons.</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>在册</source>
        <translation>On register</translation>
    </message>
    <message>
        <source>保留“{name}”（{office}）这条记录，另一条并入后移到回收站。确定合并吗？</source>
        <translation>Keep the record &quot;{name}&quot; ({office})? The other record is merged into it and moved to the recycle bin. Merge now?</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>第1步：选择表格文件</source>
        <translation>Step 1: Choose the spreadsheet file</translation>
    </message>
    <message>
        <source>选择村里现有的人口登记表（Excel、WPS或CSV表格）。导入前会先检查，确认后才写入数据库。</source>
        <translation>Choose the village&apos;s existing population register (an Excel, WPS or CSV spreadsheet). It is checked before the import and written to the database only after you confirm.</translation>
    </message>
    <message>
        <source>点“浏览…”选择文件</source>
        <translation>Click &quot;Browse…&quot; to choose a file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保存空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <source>可以导入 .xlsx、.xls、.ods 和 .csv 文件（WPS表格的 .et 文件请先“另存为” .xlsx）。还没有表格？可以先保存一份空白模板，发给各网格员按模板填写。</source>
        <translation>You can import .xlsx, .xls, .ods and .csv files (for a WPS Spreadsheets .et file, first use &quot;Save as&quot; to save it as .xlsx). No spreadsheet yet? Save a blank template first and send it to the grid workers to fill in.</translation>
    </message>
    <message>
        <source>选择要导入的表格文件</source>
        <translation>Choose the spreadsheet file to import</translation>
    </message>
    <message>
        <source>保存空白模板</source>
        <translation>Save blank template</translation>
    </message>
    <message>
        <source>人口信息导入模板.xlsx</source>
        <translation>Population import template.xlsx</translation>
    </message>
    <message>
        <source>空白模板已保存到 {path}。</source>
        <translation>The blank template was saved to {path}.</translation>
    </message>
    <message>
        <source>正在打开文件…</source>
        <translation>Opening the file…</translation>
    </message>
</context>
<context>
    <name>FirstPasswordDialog</name>
    <message>
        <source>设置管理员密码</source>
        <translation>Set administrator password</translation>
    </message>
    <message>
        <source>这个数据库还没有设置密码，谁打开程序都能看到全部群众的个人信息。
请给管理员设置一个登录密码。以后打开程序时，用户名填 {admin}，密码填这里设置的密码。请记牢或写下来锁好：忘记了就没有人能以管理员身份登录。</source>
        <translation>This database has no password yet, so anyone who opens the program can see everyone&apos;s personal information.
Please set a sign-in password for the administrator. From now on, when you open the program, enter {admin} as the user name and the password you set here. Remember it, or write it down and lock it away: if it is forgotten, nobody can sign in as administrator.</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>设置密码并登录</source>
        <translation>Set password and sign in</translation>
    </message>
    <message>
        <source>暂不设置（下次打开时再问）</source>
        <translation>Not now (ask next time)</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <source>建立网格</source>
        <translation>Set up grids</translation>
    </message>
    <message>
        <source>先把本单位的村（社区）和下面的网格建起来，住户、房屋和事件都登记在网格里。</source>
        <translation>First set up this office&apos;s villages (communities) and the grids under them; households, houses and cases are all registered in grids.</translation>
    </message>
    <message>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>村里已经有Excel花名册的，一次导进来，不用一户一户重新打字。</source>
        <translation>If the village already has a roster in Excel, import it in one go instead of typing it in again household by household.</translation>
    </message>
    <message>
        <source>登记第一户</source>
        <translation>Register the first household</translation>
    </message>
    <message>
        <source>没有花名册的，照着纸质采集簿，一户一户登记。</source>
        <translation>If there is no roster, register the households one by one from the paper booklet.</translation>
    </message>
    <message>
        <source>设置同步口令</source>
        <translation>Set sync passphrase</translation>
    </message>
    <message>
        <source>用U盘和镇里、县里交换数据要用它，口令由县里统一规定。</source>
        <translation>You need it to exchange data with the town and the county by USB stick. The passphrase is set by the county.</translation>
    </message>
    <message>
        <source>第一次使用？请按下面的步骤开始：</source>
        <translation>Using the program for the first time? Please start with the steps below:</translation>
    </message>
    <message>
        <source>{title} ✓</source>
        <translation>{title} ✓</translation>
    </message>
    <message>
        <source>已完成：已登记 {n} 户。</source>
        <translation>Done: {n} households registered.</translation>
    </message>
    <message>
        <source>已完成。</source>
        <translation>Done.</translation>
    </message>
</context>
<context>
    <name>FormSaver</name>
    <message>
        <source>没有保存：</source>
        <translation>Not saved: </translation>
    </message>
    <message>
        <source>{activity}本表会在它完成后自动保存，已填的内容不会丢失。</source>
        <translation>{activity} This form will be saved automatically when that is finished; what you have filled in will not be lost.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>GradingPage</name>
    <message>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>按村(社区)</source>
        <translation>By village (community)</translation>
    </message>
    <message>
        <source>按镇(街道)</source>
        <translation>By town (subdistrict)</translation>
    </message>
    <message>
        <source>月度</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>负责网格</source>
        <translation>Grids in charge</translation>
    </message>
    <message>
        <source>应走访</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <source>按时走访</source>
        <translation>Visits on time</translation>
    </message>
    <message>
        <source>按时走访率</source>
        <translation>On-time visit rate</translation>
    </message>
    <message>
        <source>走访次数</source>
        <translation>Visits made</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Cases registered</translation>
    </message>
    <message>
        <source>办结事件</source>
        <translation>Cases closed</translation>
    </message>
    <message>
        <source>按时办结</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <source>按时办结率</source>
        <translation>On-time closing rate</translation>
    </message>
    <message>
        <source>评价件数</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <source>满意率</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <source>预警化解</source>
        <translation>Warnings resolved</translation>
    </message>
    <message>
        <source>打印/导出网格难度…</source>
        <translation>Print/export grid difficulty…</translation>
    </message>
    <message>
        <source>统计到：</source>
        <translation>Count by:</translation>
    </message>
    <message>
        <source>网格难度</source>
        <translation>Grid difficulty</translation>
    </message>
    <message>
        <source>期间内的任意一天，如 2026-11-01 选中它所在的月、季度或年</source>
        <translation>Any day in the period; e.g. 2026-11-01 selects its month, quarter or year</translation>
    </message>
    <message>
        <source>考核期间：</source>
        <translation>Assessment period:</translation>
    </message>
    <message>
        <source>打印/导出考核表…</source>
        <translation>Print/export assessment sheet…</translation>
    </message>
    <message>
        <source>网格员考核</source>
        <translation>Grid worker assessment</translation>
    </message>
    <message>
        <source>{first} 至 {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>难度分</source>
        <translation>Difficulty score</translation>
    </message>
    <message>
        <source>现有网格员</source>
        <translation>Current grid workers</translation>
    </message>
    <message>
        <source>现有人数</source>
        <translation>Current number</translation>
    </message>
    <message>
        <source>建议人数</source>
        <translation>Suggested number</translation>
    </message>
    <message>
        <source>共 {n} 个，其中 {short} 个的网格员少于建议人数</source>
        <translation>{n} in all; {short} of them have fewer grid workers than suggested</translation>
    </message>
    <message>
        <source>共 {n} 名网格员</source>
        <translation>{n} grid workers in all</translation>
    </message>
</context>
<context>
    <name>GridNodeDialog</name>
    <message>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>代码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
</context>
<context>
    <name>GridPage</name>
    <message>
        <source>显示已撤销</source>
        <translation>Show retired</translation>
    </message>
    <message>
        <source>新建下级</source>
        <translation>New sub-grid</translation>
    </message>
    <message>
        <source>重命名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>移动到…</source>
        <translation>Move to…</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Retire</translation>
    </message>
    <message>
        <source>在选中的网格下新建一级网格</source>
        <translation>Create a new grid one level below the selected grid</translation>
    </message>
    <message>
        <source>把选中的网格连同下级和住户移到另一个网格之下（也可以用鼠标拖过去）</source>
        <translation>Move the selected grid, with its sub-grids and households, under another grid (you can also drag it there with the mouse)</translation>
    </message>
    <message>
        <source>把选中的网格并入同一级的另一个网格，然后撤销它</source>
        <translation>Merge the selected grid into another grid at the same level, then retire it</translation>
    </message>
    <message>
        <source>撤销已经没有下级和住户的网格</source>
        <translation>Retire a grid that has no sub-grids or households left</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid workers</translation>
    </message>
    <message>
        <source>党员中心户</source>
        <translation>Party member households</translation>
    </message>
    <message>
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>还没有网格。
点上面的“新建下级”，先建最上面一级（如县、镇或村），再一级一级往下建到网格。</source>
        <translation>There are no grids yet.
Click &quot;New sub-grid&quot; above and first create the top level (such as a county, town or village), then create the levels below it one by one, down to the grids.</translation>
    </message>
    <message>
        <source>提示：用鼠标把一个网格拖到另一个网格上，就能把它移到那个网格之下。</source>
        <translation>Tip: drag a grid onto another grid with the mouse to move it under that grid.</translation>
    </message>
    <message>
        <source>在“{parent}”下新建一个{level}：</source>
        <translation>New {level} under &quot;{parent}&quot;:</translation>
    </message>
    <message>
        <source>新建最上一级的{level}：</source>
        <translation>New top-level {level}:</translation>
    </message>
    <message>
        <source>新建下级网格</source>
        <translation>New sub-grid</translation>
    </message>
    <message>
        <source>“{name}”的新名称：</source>
        <translation>New name for &quot;{name}&quot;:</translation>
    </message>
    <message>
        <source>不能移到它自己之下，请选另一个网格。</source>
        <translation>A grid cannot be moved under itself. Please choose another grid.</translation>
    </message>
    <message>
        <source>“{name}”已经在“{target}”之下了。</source>
        <translation>&quot;{name}&quot; is already under &quot;{target}&quot;.</translation>
    </message>
    <message>
        <source>微网格是最末一级，下面不能再有网格。</source>
        <translation>A micro-grid is the lowest level; there can be no grids under it.</translation>
    </message>
    <message>
        <source>把“{name}”（连同它的下级网格和住户）移到哪个网格之下？请点选：</source>
        <translation>Move &quot;{name}&quot; (with its sub-grids and households) under which grid? Please click one:</translation>
    </message>
    <message>
        <source>不能合并到它自己，请选另一个网格。</source>
        <translation>A grid cannot be merged into itself. Please choose another grid.</translation>
    </message>
    <message>
        <source>只能合并到同一级（{level}）的网格。</source>
        <translation>It can only be merged into a grid at the same level ({level}).</translation>
    </message>
    <message>
        <source>把“{name}”合并到哪个网格？请点选同一级的网格：</source>
        <translation>Merge &quot;{name}&quot; into which grid? Please click a grid at the same level:</translation>
    </message>
    <message>
        <source>把“{name}”合并到“{target}”？
“{name}”的下级网格、住户、房屋、场所和网格员都将归入“{target}”，然后“{name}”被撤销。</source>
        <translation>Merge &quot;{name}&quot; into &quot;{target}&quot;?
The sub-grids, households, houses, places and grid workers of &quot;{name}&quot; will all go to &quot;{target}&quot;, and then &quot;{name}&quot; will be retired.</translation>
    </message>
    <message>
        <source>撤销“{name}”？
撤销后它不再显示在网格树中（勾选“显示已撤销”仍可查看）。</source>
        <translation>Retire &quot;{name}&quot;?
Once retired, it is no longer shown in the grid tree (tick &quot;Show retired&quot; to still see it).</translation>
    </message>
    <message>
        <source>把“{name}”（连同它的下级网格和住户）移到“{target}”之下？</source>
        <translation>Move &quot;{name}&quot; (with its sub-grids and households) under &quot;{target}&quot;?</translation>
    </message>
    <message>
        <source>“{name}”的修改尚未保存。</source>
        <translation>The changes to &quot;{name}&quot; have not been saved yet.</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <source>{name}（{households}户 / {persons}人）</source>
        <translation>{name} ({households} households / {persons} persons)</translation>
    </message>
    <message>
        <source>{text}（已撤销）</source>
        <translation>{text} (retired)</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>GridsPage</name>
    <message>
        <source>第3步：建立网格</source>
        <translation>Step 3: Set up grids</translation>
    </message>
    <message>
        <source>名称（双击可修改）</source>
        <translation>Name (double-click to change)</translation>
    </message>
    <message>
        <source>网格个数：</source>
        <translation>Number of grids:</translation>
    </message>
    <message>
        <source>每个网格分几个微网格：</source>
        <translation>Micro-grids in each grid:</translation>
    </message>
    <message>
        <source>把本村（社区）划成几个网格，需要时每个网格再分微网格。名称可以双击修改，以后也可以在“网格”页增减。</source>
        <translation>Divide this village (community) into grids, and each grid into micro-grids if needed. Double-click a name to change it. You can also add or remove grids later on the &quot;Grids&quot; page.</translation>
    </message>
    <message>
        <source>网格编码接着本单位的代码 {code} 自动编排。</source>
        <translation>Grid codes are numbered automatically after this office&apos;s code {code}.</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>villages (communities)</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>towns (subdistricts)</translation>
    </message>
    <message>
        <source>乡镇和县的网格一般由各村（社区）自己建立，再用U盘同步上来。</source>
        <translation>Grids of towns and counties are usually created by each village (community) itself and then synced up by USB stick.</translation>
    </message>
    <message>
        <source>{name}下共有 {n} 个{kind}。</source>
        <translation>{name} has {n} {kind} under it.</translation>
    </message>
    <message>
        <source>同时建立这 {n} 个{kind}（使用统计用区划代码和名称）</source>
        <translation>Also create these {n} {kind} (with the official statistical division codes and names)</translation>
    </message>
    <message>
        <source>网格名称不能为空。</source>
        <translation>The grid name cannot be empty.</translation>
    </message>
    <message>
        <source>有两个网格的名称相同，请改成不同的名称。</source>
        <translation>Two grids have the same name. Please give them different names.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>帮助 — {page}</source>
        <translation>Help — {page}</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <source>对方单位</source>
        <translation>Other office</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>还没有同步过。
插上U盘，在“导出”页点“导出到U盘”，就能把数据带给镇里或县里；收到的同步包在“导入”页导入。</source>
        <translation>No syncs yet.
Plug in the USB stick and click &quot;Export to USB stick&quot; on the &quot;Export&quot; page to take the data to the town or the county. Sync packages you receive are imported on the &quot;Import&quot; page.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>超期事件</source>
        <translation>Overdue cases</translation>
    </message>
    <message>
        <source>待办事件</source>
        <translation>Cases to handle</translation>
    </message>
    <message>
        <source>已逾期走访</source>
        <translation>Overdue visits</translation>
    </message>
    <message>
        <source>今日到期走访</source>
        <translation>Visits due today</translation>
    </message>
    <message>
        <source>本周到期走访</source>
        <translation>Visits due this week</translation>
    </message>
    <message>
        <source>（未设置单位）</source>
        <translation>(office not set)</translation>
    </message>
    <message>
        <source>今天是 {y}年{m}月{d}日</source>
        <translation>Today is {y}-{m}-{d}</translation>
    </message>
    <message>
        <source>。欢迎使用！</source>
        <translation>. Welcome!</translation>
    </message>
    <message>
        <source>，待办工作如下（点击数字查看）：</source>
        <translation>. Here is the work to do (click a number to see the list):</translation>
    </message>
    <message>
        <source>{title}
{n}</source>
        <translation>{title}
{n}</translation>
    </message>
    <message>
        <source>待办数字没有算出来：{error}</source>
        <translation>The to-do numbers could not be counted: {error}</translation>
    </message>
</context>
<context>
    <name>HouseForm</name>
    <message>
        <source>房屋</source>
        <translation>House</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>结构</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>建筑面积（平方米）</source>
        <translation>Floor area (square meters)</translation>
    </message>
    <message>
        <source>例如 120.5</source>
        <translation>e.g. 120.5</translation>
    </message>
    <message>
        <source>层数</source>
        <translation>Floors</translation>
    </message>
    <message>
        <source>例如 2</source>
        <translation>e.g. 2</translation>
    </message>
    <message>
        <source>安全等级</source>
        <translation>Safety grade</translation>
    </message>
    <message>
        <source>房主 / 房东</source>
        <translation>Owner / landlord</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>出租情况（用途为“出租”时填写）</source>
        <translation>Renting (fill in when the use is &quot;Rented&quot;)</translation>
    </message>
    <message>
        <source>出租用途</source>
        <translation>Rented for</translation>
    </message>
    <message>
        <source>例如 居住、生产经营</source>
        <translation>e.g. housing, production and business</translation>
    </message>
    <message>
        <source>起租日期</source>
        <translation>Rent start date</translation>
    </message>
    <message>
        <source>例如 2024-03-01</source>
        <translation>e.g. 2024-03-01</translation>
    </message>
    <message>
        <source>止租日期</source>
        <translation>Rent end date</translation>
    </message>
    <message>
        <source>例如 2025-02-28</source>
        <translation>e.g. 2025-02-28</translation>
    </message>
    <message>
        <source>租住人数</source>
        <translation>Number of tenants</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>居住在这里的住户（双击打开）</source>
        <translation>Households living here (double-click to open)</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>人口类别</source>
        <translation>Population type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>医疗保险</source>
        <translation>Medical insurance</translation>
    </message>
    <message>
        <source>在校情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>人群标签</source>
        <translation>Group tags</translation>
    </message>
    <message>
        <source>安全</source>
        <translation>Safe</translation>
    </message>
    <message>
        <source>不安全</source>
        <translation>Unsafe</translation>
    </message>
    <message>
        <source>按规则</source>
        <translation>By the rules</translation>
    </message>
    <message>
        <source>元/年，未调查留空</source>
        <translation>yuan per year; leave empty if not surveyed</translation>
    </message>
    <message>
        <source>人工认定时必填，例如：户主突发重病住院</source>
        <translation>Required when set manually, e.g.: the head of household suddenly fell seriously ill and is in hospital</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>House</translation>
    </message>
    <message>
        <source>人均纯收入（元）</source>
        <translation>Net income per person (yuan)</translation>
    </message>
    <message>
        <source>饮水安全</source>
        <translation>Safe drinking water</translation>
    </message>
    <message>
        <source>监测颜色</source>
        <translation>Monitoring color</translation>
    </message>
    <message>
        <source>人工认定</source>
        <translation>Set manually</translation>
    </message>
    <message>
        <source>认定理由</source>
        <translation>Reason for setting manually</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>删除成员</source>
        <translation>Delete member</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>设为户主</source>
        <translation>Make head of household</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Family members</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>待计算</source>
        <translation>Not calculated yet</translation>
    </message>
    <message>
        <source>保存后按监测规则计算</source>
        <translation>Calculated by the monitoring rules after saving</translation>
    </message>
    <message>
        <source>人工认定：{reason}（按规则为{colour}）</source>
        <translation>Set manually: {reason} (by the rules: {colour})</translation>
    </message>
    <message>
        <source>各项指标正常</source>
        <translation>All indicators are normal</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not specified)</translation>
    </message>
    <message>
        <source>（其他网格的房屋）</source>
        <translation>(house in another grid)</translation>
    </message>
    <message>
        <source>把{name}从本户删除？保存后可在回收站找回。</source>
        <translation>Delete {name} from this household? After saving, you can get this person back from the recycle bin.</translation>
    </message>
    <message>
        <source>{name}改为“{relation}”</source>
        <translation>{name} changed to &quot;{relation}&quot;</translation>
    </message>
    <message>
        <source>{changes}。</source>
        <translation>{changes}. </translation>
    </message>
    <message>
        <source>已把{name}设为户主。{changes}请核对每位成员的“与户主关系”。</source>
        <translation>{name} is now the head of household. {changes}Please check each member&apos;s &quot;Relation to head&quot;.</translation>
    </message>
    <message>
        <source>还不能保存，请先改正：</source>
        <translation>It cannot be saved yet. Please correct the following first:</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>已重新打开，显示的是现在保存的内容。请把您的修改再填一次，然后保存。</source>
        <translation>Reopened: it now shows what is saved. Please enter your changes again, then save.</translation>
    </message>
    <message>
        <source>人工认定监测颜色时请写明认定理由。</source>
        <translation>When you set the monitoring color manually, please write down the reason.</translation>
    </message>
    <message>
        <source>一户至少要有一名成员（户主）。</source>
        <translation>A household must have at least one member (the head of household).</translation>
    </message>
    <message>
        <source>第{n}名成员</source>
        <translation>Member {n}</translation>
    </message>
    <message>
        <source>住户 {number}</source>
        <translation>Household {number}</translation>
    </message>
    <message>
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <source>这一户的修改还没有保存。要保存吗？</source>
        <translation>The changes to this household have not been saved. Save them?</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>人群类别</source>
        <translation>Group type</translation>
    </message>
    <message>
        <source>人口类别</source>
        <translation>Population type</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>监测颜色</source>
        <translation>Monitoring color</translation>
    </message>
    <message>
        <source>人员状态</source>
        <translation>Person status</translation>
    </message>
    <message>
        <source>新建住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>从Excel导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <source>这里还没有住户。
点下面的“新建住户”登记第一户，或点“从Excel导入…”导入花名册。</source>
        <translation>There are no households here yet.
Click &quot;New household&quot; below to register the first one, or click &quot;Import from Excel…&quot; to import a roster.</translation>
    </message>
    <message>
        <source>没有符合条件的住户。
可以把上面的筛选改回“全部”。</source>
        <translation>No households match.
You can set the filters above back to &quot;All&quot;.</translation>
    </message>
    <message>
        <source>{title}：全部</source>
        <translation>{title}: all</translation>
    </message>
    <message>
        <source>{scope}：共 {n} 户</source>
        <translation>{scope}: {n} households in all</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>把住户“{label}”及其成员移到回收站？可在回收站恢复。</source>
        <translation>Move household &quot;{label}&quot; and its members to the recycle bin? You can restore them from the recycle bin.</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>户主身份证号</source>
        <translation>Head&apos;s ID number</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>监测</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>HousesPage</name>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>结构</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>安全等级</source>
        <translation>Safety grade</translation>
    </message>
    <message>
        <source>房主/房东</source>
        <translation>Owner/landlord</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>居住户数</source>
        <translation>Households living here</translation>
    </message>
    <message>
        <source>新建房屋</source>
        <translation>New house</translation>
    </message>
    <message>
        <source>{scope}：共 {n} 处房屋</source>
        <translation>{scope}: {n} houses in all</translation>
    </message>
    <message>
        <source>这里还没有登记房屋。
点下面的“新建房屋”，登记出租房、空置房和危房等。</source>
        <translation>No houses are registered here yet.
Click &quot;New house&quot; below to register rented houses, empty houses, unsafe houses and so on.</translation>
    </message>
    <message>
        <source>没有符合条件的房屋。
可以把上面的筛选改回“全部”。</source>
        <translation>No houses match.
You can set the filters above back to &quot;All&quot;.</translation>
    </message>
    <message>
        <source>把房屋“{address}”移到回收站？可在回收站恢复。</source>
        <translation>Move house &quot;{address}&quot; to the recycle bin? You can restore it from the recycle bin.</translation>
    </message>
    <message>
        <source>
这里还住着 {n} 户；住户的登记不会被删除。</source>
        <translation>
{n} households still live here; their registrations will not be deleted.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>从Excel导入人口信息</source>
        <translation>Import population data from Excel</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <source>正在导入，请稍候。要停止，请点进度条旁的“取消”，等它撤销完毕。</source>
        <translation>Importing, please wait. To stop, click &quot;Cancel&quot; next to the progress bar and wait until the import has been undone.</translation>
    </message>
    <message>
        <source>保存问题清单</source>
        <translation>Save problem list</translation>
    </message>
    <message>
        <source>问题清单已保存到 {path}。
改正表中标出的行后，可以再次导入同一个文件。</source>
        <translation>The problem list was saved to {path}.
After you correct the rows marked in it, you can import the same file again.</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>已登记且相同</source>
        <translation>Already registered, unchanged</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>To decide</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请核对（照常导入）</source>
        <translation>Please check (imported anyway)</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>导入完成：新增 {h} 户、{p} 人，更新 {u} 人。</source>
        <translation>Import finished: {h} households and {p} persons added, {u} persons updated.</translation>
    </message>
    <message>
        <source>新建了 {n} 个网格。</source>
        <translation>{n} grids created.</translation>
    </message>
    <message>
        <source>检查完成：可以导入 {h} 户新住户、{p} 名新人员，更新 {u} 人。</source>
        <translation>Check finished: {h} new households and {p} new persons can be imported, and {u} persons updated.</translation>
    </message>
    <message>
        <source>检查完成：这个表没有需要导入的新内容（表中的人都已登记且相同，或都有问题）。</source>
        <translation>Check finished: this table has nothing new to import (everyone in it is already registered and unchanged, or has a problem).</translation>
    </message>
    <message>
        <source>有 {n} 行不能导入，原因见下表。</source>
        <translation>{n} rows cannot be imported; see the reasons in the table below.</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>隐藏身份证号和电话的中间几位</source>
        <translation>Mask the middle digits of ID numbers and phone numbers</translation>
    </message>
    <message>
        <source>起止日期：</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>生成预览</source>
        <translation>Create preview</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>请选择台账和范围，然后点“生成预览”。</source>
        <translation>Please choose a ledger and a scope, then click &quot;Create preview&quot;.</translation>
    </message>
    <message>
        <source>台账：</source>
        <translation>Ledger:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>请填写起止日期，例如 2026-01-01 至 2026-12-31。</source>
        <translation>Please enter the start and end dates, e.g. 2026-01-01 to 2026-12-31.</translation>
    </message>
    <message>
        <source>请先在“范围”里选择一个网格。</source>
        <translation>Please first choose a grid under &quot;Scope&quot;.</translation>
    </message>
    <message>
        <source>正在生成，请稍候…</source>
        <translation>Creating, please wait…</translation>
    </message>
    <message>
        <source>已生成，共 {pages} 页。可以打印或另存。</source>
        <translation>Done: {pages} pages in all. You can print it or save it.</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Canceled.</translation>
    </message>
    <message>
        <source>另存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>导出Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>正在导出，请稍候…</source>
        <translation>Exporting, please wait…</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>{name}（{role}）有一段时间没有操作，为保护群众的个人信息，程序已锁定。打开的窗口和填了一半的内容都还在，解锁后可以接着填。</source>
        <translation>{name} ({role}) has been inactive for a while, so the program has been locked to protect residents&apos; personal information. Open windows and half-filled forms are still there; you can carry on after unlocking.</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>网格化管理综合信息采集簿</source>
        <translation>Grid Management Information Booklet</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>请填写用户名。</source>
        <translation>Please enter your user name.</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>Houses</translation>
    </message>
    <message>
        <source>场所</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>考核</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledgers</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>日志</source>
        <translation>Activity log</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>离开电脑时锁定屏幕，回来输入密码接着工作，打开的窗口都还在</source>
        <translation>Lock the screen when you leave the computer; when you come back, enter your password and carry on. Open windows stay as they are</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <source>（未设置单位）</source>
        <translation>(office not set)</translation>
    </message>
    <message>
        <source>网格化管理综合信息采集簿 — {office}</source>
        <translation>Grid Management Information Booklet — {office}</translation>
    </message>
    <message>
        <source>单位：{office}</source>
        <translation>Office: {office}</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>当前用户：{user}（{role}，范围：{scope}）</source>
        <translation>Current user: {user} ({role}, scope: {scope})</translation>
    </message>
    <message>
        <source>网格的基本信息</source>
        <translation>Basic grid information</translation>
    </message>
    <message>
        <source>网格的基本信息已修改但尚未保存。</source>
        <translation>The basic grid information has been changed but not saved yet.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>第3步：核对各列对应的内容</source>
        <translation>Step 3: Check what each column contains</translation>
    </message>
    <message>
        <source>每一列导入为哪一项，程序已按表头自动对应。不对的请在右边改；不需要的列选“不导入”。</source>
        <translation>The program has matched each column to an item by its header. If a match is wrong, change it on the right; for columns you don&apos;t need, choose &quot;Don&apos;t import&quot;.</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>示例</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Don&apos;t import</translation>
    </message>
    <message>
        <source>{title}（必填）</source>
        <translation>{title} (required)</translation>
    </message>
    <message>
        <source>还缺少必填的列：{names}。请在右边指定哪一列是它们。</source>
        <translation>Required columns are still missing: {names}. Please choose on the right which column holds each of them.</translation>
    </message>
    <message>
        <source>已沿用上次导入同样格式的表时的对应。</source>
        <translation>The column matches from the last import of a table in the same format have been reused.</translation>
    </message>
    <message>
        <source>表中没有“与户主关系”列，只能核对、更新已登记的人，不能新登记。</source>
        <translation>The table has no &quot;Relation to head&quot; column, so it can only check and update persons already registered, not register new ones.</translation>
    </message>
    <message>
        <source>共 {n} 列将导入。</source>
        <translation>{n} columns will be imported.</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message>
        <source>第2步：本单位名称</source>
        <translation>Step 2: Name of this office</translation>
    </message>
    <message>
        <source>这个名称印在台账的抬头和同步包上。可以按本单位的公章改写。</source>
        <translation>This name is printed at the top of ledgers and on sync packages. You can change it to match your office&apos;s official seal.</translation>
    </message>
    <message>
        <source>所在地：</source>
        <translation>Location:</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Office name:</translation>
    </message>
</context>
<context>
    <name>NewPassword</name>
    <message>
        <source>至少 {n} 位</source>
        <translation>At least {n} characters</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再输入一遍：</source>
        <translation>Enter it again:</translation>
    </message>
    <message>
        <source>密码至少 {n} 位。</source>
        <translation>The password must have at least {n} characters.</translation>
    </message>
    <message>
        <source>请再输入一遍密码。</source>
        <translation>Please enter the password again.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>NodeDetailPanel</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>所属：</source>
        <translation>Belongs to:</translation>
    </message>
    <message>
        <source>代码：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>层级：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>东至：</source>
        <translation>East boundary:</translation>
    </message>
    <message>
        <source>南至：</source>
        <translation>South boundary:</translation>
    </message>
    <message>
        <source>西至：</source>
        <translation>West boundary:</translation>
    </message>
    <message>
        <source>北至：</source>
        <translation>North boundary:</translation>
    </message>
    <message>
        <source>网格长：</source>
        <translation>Grid leader:</translation>
    </message>
    <message>
        <source>网格长电话：</source>
        <translation>Grid leader&apos;s phone:</translation>
    </message>
    <message>
        <source>党组织：</source>
        <translation>Party organization:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
</context>
<context>
    <name>PartyCentersPanel</name>
    <message>
        <source>中心户 / 联系户</source>
        <translation>Party member household / linked households</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系户数</source>
        <translation>Linked households</translation>
    </message>
    <message>
        <source>设为中心户…</source>
        <translation>Make party member household…</translation>
    </message>
    <message>
        <source>取消中心户</source>
        <translation>Unset party member household</translation>
    </message>
    <message>
        <source>添加联系户…</source>
        <translation>Add linked households…</translation>
    </message>
    <message>
        <source>移除联系户</source>
        <translation>Remove linked household</translation>
    </message>
    <message>
        <source>{n}户</source>
        <translation>{n} households</translation>
    </message>
    <message>
        <source>{count}（一般{low}–{high}户）</source>
        <translation>{count} (usually {low}–{high} households)</translation>
    </message>
    <message>
        <source>这里还没有党员中心户。
点下面的“设为中心户…”，选一户有党员的住户。</source>
        <translation>There are no party member households here yet.
Click &quot;Make party member household…&quot; below and choose a household with a party member.</translation>
    </message>
    <message>
        <source>共 {n} 个党员中心户，联系 {m} 户。</source>
        <translation>{n} party member households in all, linked to {m} households.</translation>
    </message>
    <message>
        <source>设为党员中心户</source>
        <translation>Make party member household</translation>
    </message>
    <message>
        <source>在“{grid}”中选一户有党员的住户作为党员中心户：</source>
        <translation>Choose a household in &quot;{grid}&quot; with a party member to be the party member household:</translation>
    </message>
    <message>
        <source>取消“{center}”的党员中心户？
它联系的 {n} 户将不再有党员中心户。</source>
        <translation>Unset &quot;{center}&quot; as a party member household?
The {n} households linked to it will no longer have a party member household.</translation>
    </message>
    <message>
        <source>添加联系户</source>
        <translation>Add linked households</translation>
    </message>
    <message>
        <source>勾选“{center}”要联系的住户（一般{low}–{high}户）：</source>
        <translation>Tick the households to link to &quot;{center}&quot; (usually {low}–{high} households):</translation>
    </message>
    <message>
        <source>党员中心户一般联系{low}–{high}户，添加后“{center}”将联系{n}户。仍要添加吗？</source>
        <translation>A party member household is usually linked to {low}–{high} households; after adding, &quot;{center}&quot; will be linked to {n} households. Add them anyway?</translation>
    </message>
    <message>
        <source>已是党员中心户</source>
        <translation>Already a party member household</translation>
    </message>
    <message>
        <source>已由{center}联系</source>
        <translation>Already linked to {center}</translation>
    </message>
    <message>
        <source>{number}号 {head}</source>
        <translation>No. {number} {head}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>设置同步口令</source>
        <translation>Set sync passphrase</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>同步口令由县里统一规定，全县各单位必须一致。口令不会写进同步包，也不会明文保存在数据库里；U盘丢失时别人没有口令就打不开同步包。</source>
        <translation>The sync passphrase is set by the county and must be the same in every office in the county. It is not written into sync packages, nor stored as plain text in the database; if a USB stick is lost, nobody can open the sync packages without the passphrase.</translation>
    </message>
    <message>
        <source>同步口令：</source>
        <translation>Sync passphrase:</translation>
    </message>
    <message>
        <source>再输入一遍：</source>
        <translation>Enter it again:</translation>
    </message>
    <message>
        <source>请输入县里规定的同步口令。</source>
        <translation>Please enter the sync passphrase set by the county.</translation>
    </message>
    <message>
        <source>同步口令至少 {n} 位。</source>
        <translation>The sync passphrase must have at least {n} characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>请再输入一遍口令。</source>
        <translation>Please enter the passphrase again.</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>第4步：同步口令（可以跳过）</source>
        <translation>Step 4: Sync passphrase (can be skipped)</translation>
    </message>
    <message>
        <source>用U盘和乡镇、县交换数据时，同步包用县里统一规定的口令加密。现在不知道口令，可以留空，以后在“设置”页填写。</source>
        <translation>When you exchange data with the town and the county by USB stick, sync packages are encrypted with the passphrase set by the county. If you don&apos;t know it yet, leave it empty and fill it in later on the &quot;Settings&quot; page.</translation>
    </message>
    <message>
        <source>同步口令：</source>
        <translation>Sync passphrase:</translation>
    </message>
    <message>
        <source>再输入一遍：</source>
        <translation>Enter it again:</translation>
    </message>
    <message>
        <source>同步口令至少 {n} 位。</source>
        <translation>The sync passphrase must have at least {n} characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>请再输入一遍口令。</source>
        <translation>Please enter the passphrase again.</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>已参保</source>
        <translation>Insured</translation>
    </message>
    <message>
        <source>未参保</source>
        <translation>Not insured</translation>
    </message>
    <message>
        <source>在校</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>失学</source>
        <translation>Out of school</translation>
    </message>
    <message>
        <source>18位，末位可为 X</source>
        <translation>18 characters; the last one may be X</translation>
    </message>
    <message>
        <source>迁入本户</source>
        <translation>Move into this household</translation>
    </message>
    <message>
        <source>只填适龄儿童：在校或失学（含辍学）</source>
        <translation>Only for school-age children: in school or out of school (including dropouts)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>籍贯/出生地</source>
        <translation>Native place / birthplace</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>人口类别</source>
        <translation>Population type</translation>
    </message>
    <message>
        <source>户籍地/来源地</source>
        <translation>Place of registration / origin</translation>
    </message>
    <message>
        <source>来本地日期</source>
        <translation>Date arrived here</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>医疗保险</source>
        <translation>Medical insurance</translation>
    </message>
    <message>
        <source>在校情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>人群标签</source>
        <translation>Group tags</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Please enter the name</translation>
    </message>
    <message>
        <source>身份证号：{error}</source>
        <translation>ID number: {error}</translation>
    </message>
    <message>
        <source>{age}岁</source>
        <translation>{age} years old</translation>
    </message>
    <message>
        <source> {number}号户</source>
        <translation> household no. {number}</translation>
    </message>
    <message>
        <source>将把{name}从{where}迁入本户，保存后生效。</source>
        <translation>{name} will be moved from {where} into this household when you save.</translation>
    </message>
    <message>
        <source>这个身份证号码已是本户{name}的号码。</source>
        <translation>This ID number already belongs to {name} in this household.</translation>
    </message>
    <message>
        <source>这个身份证号码已登记为{name}（{relation}），在{where}。如果此人搬到了本户，请按“迁入本户”。</source>
        <translation>This ID number is already registered for {name} ({relation}) in {where}. If this person has moved to this household, click &quot;Move into this household&quot;.</translation>
    </message>
</context>
<context>
    <name>PlaceForm</name>
    <message>
        <source>场所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>基本情况</source>
        <translation>Basic details</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>营业执照号</source>
        <translation>Business license no.</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <source>第1步：本单位在哪里</source>
        <translation>Step 1: Where is this office</translation>
    </message>
    <message>
        <source>从省开始一级一级选到本单位：县（市、区）、乡镇（街道）或村（社区）。可以在框里输入名称或拼音首字母（例如“宁陵县”输入 nlx）来查找。</source>
        <translation>Choose level by level, starting from the province, down to this office: county (city, district), town (subdistrict) or village (community). To search, type a name or its pinyin initials in the box (for example, type nlx for &quot;Ningling County&quot;).</translation>
    </message>
    <message>
        <source>输入名称或拼音首字母查找</source>
        <translation>Type a name or pinyin initials to search</translation>
    </message>
    <message>
        <source>打开下一级 &gt;</source>
        <translation>Open next level &gt;</translation>
    </message>
    <message>
        <source>全国</source>
        <translation>All of China</translation>
    </message>
    <message>
        <source>请继续选择，直到本单位所在的县、乡镇或村。</source>
        <translation>Please keep choosing until you reach the county, town or village of this office.</translation>
    </message>
    <message>
        <source>本单位：{names}（代码 {code}）</source>
        <translation>This office: {names} (code {code})</translation>
    </message>
</context>
<context>
    <name>PlacesPage</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>新建场所</source>
        <translation>New place</translation>
    </message>
    <message>
        <source>{scope}：共 {n} 个场所</source>
        <translation>{scope}: {n} places in all</translation>
    </message>
    <message>
        <source>这里还没有登记场所。
点下面的“新建场所”，登记商店、饭店、学校、企业等。</source>
        <translation>No places are registered here yet.
Click &quot;New place&quot; below to register shops, restaurants, schools, businesses and so on.</translation>
    </message>
    <message>
        <source>没有符合条件的场所。
可以把上面的筛选改回“全部”。</source>
        <translation>No places match.
You can set the filters above back to &quot;All&quot;.</translation>
    </message>
    <message>
        <source>把场所“{name}”移到回收站？可在回收站恢复。</source>
        <translation>Move place &quot;{name}&quot; to the recycle bin? You can restore it from the recycle bin.</translation>
    </message>
</context>
<context>
    <name>PlanMapPanel</name>
    <message>
        <source>用鼠标把住户、房屋或场所拖到平面图上它所在的位置</source>
        <translation>Drag households, houses or places with the mouse to where they are on the site plan</translation>
    </message>
    <message>
        <source>设置平面图…</source>
        <translation>Set site plan…</translation>
    </message>
    <message>
        <source>选择航拍图、扫描图或手绘图（PNG或JPEG），太大的图会自动缩小</source>
        <translation>Choose an aerial photo, scanned map or hand-drawn map (PNG or JPEG); very large pictures are scaled down automatically</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>适应窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>从图上取下</source>
        <translation>Take off the map</translation>
    </message>
    <message>
        <source>先点选图上的一个点，再点这里，它就回到左边的未上图列表</source>
        <translation>First click a point on the map, then click here; it goes back to the list on the left of items not on the map</translation>
    </message>
    <message>
        <source>未上图（拖到图上）：</source>
        <translation>Not on the map (drag onto it):</translation>
    </message>
    <message>
        <source>已上图 {placed} / {total} 户</source>
        <translation>{placed} / {total} households on the map</translation>
    </message>
    <message>
        <source>平面图文件还没有同步到本机，请稍后再看。</source>
        <translation>The site plan file has not been synced to this computer yet. Please look again later.</translation>
    </message>
    <message>
        <source>“{grid}”还没有平面图。
点上面的“设置平面图…”，选一张航拍图、扫描图或手绘图。</source>
        <translation>&quot;{grid}&quot; has no site plan yet.
Click &quot;Set site plan…&quot; above and choose an aerial photo, scanned map or hand-drawn map.</translation>
    </message>
    <message>
        <source>“{grid}”还没有平面图。</source>
        <translation>&quot;{grid}&quot; has no site plan yet.</translation>
    </message>
    <message>
        <source>房屋</source>
        <translation>House</translation>
    </message>
    <message>
        <source>场所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>选择平面图</source>
        <translation>Choose site plan</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>请先在图上点选要取下的点。</source>
        <translation>Please first click the point on the map you want to take off.</translation>
    </message>
</context>
<context>
    <name>PremisesPage</name>
    <message>
        <source>{title}：全部</source>
        <translation>{title}: all</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Canceling…</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <source>出错了，操作没有完成。请重试；如果一再出现，请联系技术人员，并把“详细信息”里的内容告诉他们。</source>
        <translation>Something went wrong and the operation was not completed. Please try again; if it keeps happening, contact your technical support and tell them what is under &quot;Details&quot;.</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <source>别人已修改</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>“重新打开”显示现在保存的内容，您再把修改填一次；“留在本页”保留您填的内容，便于对照。</source>
        <translation>&quot;Reopen&quot; shows what is saved now, and you then enter your changes again; &quot;Stay on this page&quot; keeps what you have entered, so you can compare.</translation>
    </message>
    <message>
        <source>留在本页</source>
        <translation>Stay on this page</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>不保存</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QWidget</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xls *.ods *.csv);;Excel 工作簿 (*.xlsx *.xls);;OpenDocument 表格 (*.ods);;CSV 文件 (*.csv *.txt);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.ods *.csv);;Excel workbooks (*.xlsx *.xls);;OpenDocument spreadsheets (*.ods);;CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>第二份备份已经超过7天没有更新。请插上备份用的U盘，在“设置 → 备份”里点“立即写第二份备份”。</source>
        <translation>The second backup has not been updated for more than 7 days. Please plug in the USB stick used for backups and click &quot;Write second backup now&quot; in Settings → Backup.</translation>
    </message>
    <message>
        <source>{n} 字节</source>
        <translation>{n} bytes</translation>
    </message>
</context>
<context>
    <name>RecentImports</name>
    <message>
        <source>撤销“{label}”吗？

这次导入新增的记录会删掉，改过的记录恢复成导入前的样子。如果导入之后又有人改过这些记录，程序不会覆盖，会说明原因。</source>
        <translation>Undo &quot;{label}&quot;?

Records added by this import will be deleted, and changed records will be put back as they were before the import. If someone has changed these records since the import, the program will not overwrite them and will explain why.</translation>
    </message>
    <message>
        <source>撤销导入</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>正在撤销导入，请稍候…</source>
        <translation>Undoing the import, please wait…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>撤销这次导入</source>
        <translation>Undo this import</translation>
    </message>
    <message>
        <source>较小的导入可以在这里撤销；改动很多的导入在导入前备份了整个数据库，要撤销请在“设置 → 备份”里恢复导入前的备份。</source>
        <translation>Smaller imports can be undone here. Before an import with many changes, the whole database was backed up; to undo such an import, restore the backup made before the import in Settings → Backup.</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>可以撤销</source>
        <translation>Can be undone</translation>
    </message>
    <message>
        <source>只能恢复导入前的备份</source>
        <translation>Only by restoring the backup made before the import</translation>
    </message>
    <message>
        <source>导入前备份的整个数据库（{path}）</source>
        <translation>the backup of the whole database made before the import ({path})</translation>
    </message>
    <message>
        <source>导入之前的一份备份</source>
        <translation>a backup made before the import</translation>
    </message>
    <message>
        <source>“{label}”没有逐条留底（改动的记录很多，或是较早的导入），不能在这里撤销。要撤销，请在“设置 → 备份”里选{where}并点“恢复”。</source>
        <translation>&quot;{label}&quot; did not keep a record of each change (it changed many records, or it is an older import), so it cannot be undone here. To undo it, go to Settings → Backup, choose {where} and click &quot;Restore&quot;.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{what}：{title}</source>
        <translation>{what}: {title}</translation>
    </message>
    <message>
        <source>新建{what}</source>
        <translation>New {what}</translation>
    </message>
    <message>
        <source>所属网格：{path}</source>
        <translation>Grid: {path}</translation>
    </message>
    <message>
        <source>已重新打开，显示的是现在保存的内容。请把您的修改再填一次，然后保存。</source>
        <translation>Reopened: it now shows what is saved. Please enter your changes again, then save.</translation>
    </message>
    <message>
        <source>{title}有未保存的修改，要保存吗？</source>
        <translation>{title} has unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>RecyclePage</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>删除时间</source>
        <translation>Deleted on</translation>
    </message>
    <message>
        <source>回收站是空的。
删除的住户、人员、房屋和场所都会先放到这里，需要时可以恢复。</source>
        <translation>The recycle bin is empty.
Deleted households, persons, houses and places are put here first and can be restored when needed.</translation>
    </message>
    <message>
        <source>回收站里没有这一类的内容。</source>
        <translation>There is nothing of this type in the recycle bin.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>删除的内容都保留在这里，选中后点“恢复”即可找回。</source>
        <translation>Everything deleted is kept here; select it and click &quot;Restore&quot; to get it back.</translation>
    </message>
    <message>
        <source>共 {n} 项</source>
        <translation>{n} items in all</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp);;All files (*)</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add photo</translation>
    </message>
    <message>
        <source>由走访发现登记事件</source>
        <translation>Register a case found on a visit</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Register case</translation>
    </message>
    <message>
        <source>例如：3组12号门前垃圾堆积</source>
        <translation>For example: garbage piling up outside No. 12, Group 3</translation>
    </message>
    <message>
        <source>更改网格…</source>
        <translation>Change grid…</translation>
    </message>
    <message>
        <source>门牌、路口或场所名称</source>
        <translation>House number, crossroads or place name</translation>
    </message>
    <message>
        <source>看到了什么、涉及谁、已做了什么</source>
        <translation>What you saw, who is involved, what has been done</translation>
    </message>
    <message>
        <source>反映人姓名（群众反映时填写）</source>
        <translation>Name of the person reporting (if reported by a resident)</translation>
    </message>
    <message>
        <source>反映人电话</source>
        <translation>Phone of the person reporting</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>选择住户…</source>
        <translation>Choose households…</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类别 / 小类</source>
        <translation>Category / subcategory</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>情况描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>关联住户</source>
        <translation>Related households</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>登记 (Ctrl+S)</source>
        <translation>Register (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择网格</source>
        <translation>Choose grid</translation>
    </message>
    <message>
        <source>事件发生在哪个网格？</source>
        <translation>Which grid did the case happen in?</translation>
    </message>
    <message>
        <source>勾选与事件有关的住户：</source>
        <translation>Tick the households related to the case:</translation>
    </message>
    <message>
        <source>已选 {n} 户</source>
        <translation>{n} households selected</translation>
    </message>
</context>
<context>
    <name>ScopedList</name>
    <message>
        <source>还没有网格。
请先点左边的“网格”，建立本单位的网格。</source>
        <translation>There are no grids yet.
Please first click &quot;Grids&quot; on the left and set up this office&apos;s grids.</translation>
    </message>
    <message>
        <source>还没有网格。请先点左边的“网格”，建立本单位的网格，然后再来登记。</source>
        <translation>There are no grids yet. Please first click &quot;Grids&quot; on the left, set up this office&apos;s grids, and then come back to register.</translation>
    </message>
    <message>
        <source>请先在左边选择一个网格。</source>
        <translation>Please first choose a grid on the left.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>搜索：姓名、拼音首字母（如 zsf）、身份证号或尾号、电话、地址</source>
        <translation>Search: name, pinyin initials (e.g. zsf), ID number or its last digits, phone, address</translation>
    </message>
    <message>
        <source>没有找到“{text}”</source>
        <translation>Nothing found for &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>(无身份证号)</source>
        <translation>(no ID number)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>还有工作（导入、同步等）正在进行，完成以后才能切换用户。</source>
        <translation>Work (an import, a sync, etc.) is still in progress. You can switch user only after it has finished.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>换一个用户登录。{name}打开的窗口将会关闭。</source>
        <translation>Sign in as another user. The windows {name} opened will be closed.</translation>
    </message>
    <message>
        <source>{name}还有没保存的内容：{windows}。
切换用户会关闭这些窗口，没保存的内容就没有了。确定切换吗？（点“否”留在锁定屏幕，{name}回来输入密码就能接着填。）</source>
        <translation>{name} has unsaved work: {windows}.
Switching user closes these windows, and the unsaved work will be lost. Switch anyway? (Click &quot;No&quot; to stay on the lock screen; {name} can come back, enter the password and carry on.)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>大字体（适合老花眼，字号放大）</source>
        <translation>Large text (bigger letters, easier for tired eyes)</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>换了语言，下次打开程序时生效。</source>
        <translation>The new language is used from the next start of the program.</translation>
    </message>
    <message>
        <source>本单位</source>
        <translation>This office</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Office name:</translation>
    </message>
    <message>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>同步口令</source>
        <translation>Sync passphrase</translation>
    </message>
    <message>
        <source>设置同步口令…</source>
        <translation>Set sync passphrase…</translation>
    </message>
    <message>
        <source>备份和恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>密码和锁屏</source>
        <translation>Password and screen lock</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>当前用户：{name}</source>
        <translation>Current user: {name}</translation>
    </message>
    <message>
        <source>这个数据库还没有设置密码，下次打开程序时会请管理员设置。</source>
        <translation>This database has no password yet. The administrator will be asked to set one the next time the program is opened.</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>从不锁定</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <source>无人操作多久后锁屏：</source>
        <translation>Lock the screen when unused for:</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请用新密码。</source>
        <translation>Password changed. Please use the new password next time you sign in.</translation>
    </message>
    <message>
        <source>已设置。U盘同步包用它加密，全县各单位必须一致；口令不显示，也不明文保存。</source>
        <translation>Set. Sync packages on USB sticks are encrypted with it, and it must be the same in every office in the county. The passphrase is not shown, nor stored as plain text.</translation>
    </message>
    <message>
        <source>尚未设置。导出和导入同步包之前，请输入县里统一规定的同步口令。</source>
        <translation>Not set yet. Before you export or import sync packages, please enter the sync passphrase set by the county.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>首次使用：建立本单位</source>
        <translation>First use: set up this office</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>第2步：工作表和表头</source>
        <translation>Step 2: Worksheet and header</translation>
    </message>
    <message>
        <source>程序已自动找到表头所在的行（加粗显示）。如果不对，请改“表头在第几行”。</source>
        <translation>The program has found the header row automatically (shown in bold). If it is wrong, change &quot;Header is in row&quot;.</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>Worksheet:</translation>
    </message>
    <message>
        <source>表头在第</source>
        <translation>Header is in row</translation>
    </message>
    <message>
        <source>行</source>
        <translation>of the sheet</translation>
    </message>
    <message>
        <source>约 {n} 行</source>
        <translation>about {n} rows</translation>
    </message>
    <message>
        <source>行数未知</source>
        <translation>number of rows unknown</translation>
    </message>
    <message>
        <source>正在读取工作表…</source>
        <translation>Reading the worksheet…</translation>
    </message>
    <message>
        <source>共 {n} 行有人员数据。</source>
        <translation>{n} rows with person data in all.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>{name}（{root}，可用 {free}）</source>
        <translation>{name} ({root}, {free} free)</translation>
    </message>
    <message>
        <source>没有U盘：请插入后点“刷新”</source>
        <translation>No USB stick: please plug one in and click &quot;Refresh&quot;</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>其他文件夹…</source>
        <translation>Other folder…</translation>
    </message>
    <message>
        <source>U盘或文件夹</source>
        <translation>USB stick or folder</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>同步记录</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <source>最近的导入</source>
        <translation>Recent imports</translation>
    </message>
    <message>
        <source>选择网格…</source>
        <translation>Choose grid…</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>导出到U盘</source>
        <translation>Export to USB stick</translation>
    </message>
    <message>
        <source>同步包只包含对方还没有的变化；给新单位或需要重新核对时选“全部数据”。</source>
        <translation>A sync package contains only the changes the other office does not have yet. For a new office, or to check everything again, choose &quot;All data&quot;.</translation>
    </message>
    <message>
        <source>发给：</source>
        <translation>Send to:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>读取并检查</source>
        <translation>Read and check</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>请选择U盘上的同步包，点“读取并检查”。导入前会先显示将要发生的变化。</source>
        <translation>Please choose a sync package on the USB stick and click &quot;Read and check&quot;. The changes it will make are shown before the import.</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>撤销这次导入</source>
        <translation>Undo this import</translation>
    </message>
    <message>
        <source>U盘上的同步包：</source>
        <translation>Sync packages on the USB stick:</translation>
    </message>
    <message>
        <source>本单位：{office}（县代码 {county}）&#x3000;同步范围：{scope}</source>
        <translation>This office: {office} (county code {county})   Sync scope: {scope}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>同步口令已设置（为安全起见不显示）。</source>
        <translation>The sync passphrase is set (not shown, for safety).</translation>
    </message>
    <message>
        <source>修改同步口令…</source>
        <translation>Change sync passphrase…</translation>
    </message>
    <message>
        <source>尚未设置同步口令：导出和导入都需要全县统一的同步口令，请先设置。</source>
        <translation>No sync passphrase has been set yet: both export and import need the passphrase used across the county. Please set it first.</translation>
    </message>
    <message>
        <source>设置同步口令…</source>
        <translation>Set sync passphrase…</translation>
    </message>
    <message>
        <source>{name}（只发对方还没有的变化）</source>
        <translation>{name} (only the changes they do not have yet)</translation>
    </message>
    <message>
        <source>全部数据（完整同步包）</source>
        <translation>All data (full sync package)</translation>
    </message>
    <message>
        <source>冲突（{n}）</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <source>重复人员（{n}）</source>
        <translation>Duplicate persons ({n})</translation>
    </message>
    <message>
        <source>还没有设置同步口令。现在设置吗？</source>
        <translation>No sync passphrase has been set yet. Set it now?</translation>
    </message>
    <message>
        <source>选择放同步包的文件夹</source>
        <translation>Choose the folder for sync packages</translation>
    </message>
    <message>
        <source>文件夹：{path}</source>
        <translation>Folder: {path}</translation>
    </message>
    <message>
        <source>{file}（{size}）</source>
        <translation>{file} ({size})</translation>
    </message>
    <message>
        <source>这里没有同步包（文件名以 .gridsync 结尾）。
请插入带有同步包的U盘后点上面的“刷新”，或点下面的“选择文件…”。</source>
        <translation>There are no sync packages here (file names ending in .gridsync).
Please plug in a USB stick with a sync package and click &quot;Refresh&quot; above, or click &quot;Choose file…&quot; below.</translation>
    </message>
    <message>
        <source>没有发现U盘。
请插入U盘后点上面的“刷新”，或点“其他文件夹…”。</source>
        <translation>No USB stick found.
Please plug in a USB stick and click &quot;Refresh&quot; above, or click &quot;Other folder…&quot;.</translation>
    </message>
    <message>
        <source>导出范围</source>
        <translation>Export scope</translation>
    </message>
    <message>
        <source>只导出这个网格及其下级的数据：</source>
        <translation>Export only the data of this grid and the grids under it:</translation>
    </message>
    <message>
        <source>全部（本单位负责的所有数据）</source>
        <translation>All (all the data this office is responsible for)</translation>
    </message>
    <message>
        <source>请先插入U盘并点“刷新”，或点“其他文件夹…”选择保存位置。</source>
        <translation>Please first plug in a USB stick and click &quot;Refresh&quot;, or click &quot;Other folder…&quot; to choose where to save.</translation>
    </message>
    <message>
        <source>正在写同步包…</source>
        <translation>Writing the sync package…</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已写入：{file}（{size}）
共 {records} 条记录、{files} 个附件：{counts}</source>
        <translation>Written: {file} ({size})
{records} records and {files} attachments in all: {counts}</translation>
    </message>
    <message>
        <source>没有新的变化</source>
        <translation>no new changes</translation>
    </message>
    <message>
        <source>选择同步包</source>
        <translation>Choose sync package</translation>
    </message>
    <message>
        <source>同步包 (*.gridsync)</source>
        <translation>Sync packages (*.gridsync)</translation>
    </message>
    <message>
        <source>正在读取并检查 {file}…</source>
        <translation>Reading and checking {file}…</translation>
    </message>
    <message>
        <source>正在检查同步包…</source>
        <translation>Checking the sync package…</translation>
    </message>
    <message>
        <source>{about}
核对下表无误后点“确认导入”（导入前会自动备份）。</source>
        <translation>{about}
If the table below is correct, click &quot;Confirm import&quot; (a backup is made automatically before the import).</translation>
    </message>
    <message>
        <source>完整同步包</source>
        <translation>full sync package</translation>
    </message>
    <message>
        <source>增量同步包</source>
        <translation>incremental sync package</translation>
    </message>
    <message>
        <source>{file}：{office} 于 {at} 写的第 {seq} 号{kind}，范围：{scope}，{size}。</source>
        <translation>{file}: {kind} no. {seq}, written by {office} on {at}; scope: {scope}; {size}.</translation>
    </message>
    <message>
        <source>由 gridapp {version} 导出。</source>
        <translation> Exported by gridapp {version}.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在导入同步包，请稍候…</source>
        <translation>Importing the sync package, please wait…</translation>
    </message>
    <message>
        <source>已导入 {file}：新增 {new}，更新 {updated}，删除 {deleted}，范围外忽略 {out}。</source>
        <translation>Imported {file}: {new} added, {updated} updated, {deleted} deleted, {out} outside the scope ignored.</translation>
    </message>
    <message>
        <source>
有 {c} 处冲突、{d} 处疑似重复人员需要人工处理，请看“冲突”和“重复人员”。</source>
        <translation>
{c} conflicts and {d} suspected duplicate persons need to be resolved by hand; see &quot;Conflicts&quot; and &quot;Duplicate persons&quot;.</translation>
    </message>
    <message>
        <source>
导入前的备份：{backup}</source>
        <translation>
Backup made before the import: {backup}</translation>
    </message>
    <message>
        <source>
导入前的数据已逐条留底：如有问题，可以点“撤销这次导入”。</source>
        <translation>
Each record was saved before the import: if something is wrong, you can click &quot;Undo this import&quot;.</translation>
    </message>
    <message>
        <source>已撤销导入 {file}：数据库回到了导入前的样子，这个同步包可以重新导入。</source>
        <translation>The import of {file} was undone: the database is back as it was before the import, and this sync package can be imported again.</translation>
    </message>
    <message>
        <source>已取消，数据库和U盘都没有改动。</source>
        <translation>Canceled; nothing was changed in the database or on the USB stick.</translation>
    </message>
    <message>
        <source>已经导入过</source>
        <translation>Already imported</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <source>删除标签</source>
        <translation>Delete tag</translation>
    </message>
    <message>
        <source>没有人群标签。要添加，请在下面选择类别，再按“添加标签”。</source>
        <translation>No group tags. To add one, choose a type below, then click &quot;Add tag&quot;.</translation>
    </message>
    <message>
        <source>选择人群类别…</source>
        <translation>Choose group type…</translation>
    </message>
</context>
<context>
    <name>TagPanel</name>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>{tag}的{field}：{error}</source>
        <translation>{field} of {tag}: {error}</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>登录时输入，例如 wangli</source>
        <translation>Entered when signing in, e.g. wangli</translation>
    </message>
    <message>
        <source>例如 王丽</source>
        <translation>e.g. Wang Li</translation>
    </message>
    <message>
        <source>选择网格…</source>
        <translation>Choose grid…</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>整个网格树，不限范围</source>
        <translation>The whole grid tree, no limit</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>工作范围：</source>
        <translation>Work area:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>工作范围</source>
        <translation>Work area</translation>
    </message>
    <message>
        <source>这个用户管哪个网格？他能看到和修改这个网格及其下级的住户、事件等。请点选：</source>
        <translation>Which grid does this user look after? They can see and change the households, cases and so on of this grid and the grids under it. Please click one:</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Work area</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>重设密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>每个用户有一个角色（能做什么）和一个工作范围（管哪个网格）。停用的用户不能再登录，他做过的事仍记在日志里。</source>
        <translation>Each user has a role (what they can do) and a work area (which grid they look after). Deactivated users can no longer sign in; what they did stays in the log.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 {n} 个用户</source>
        <translation>{n} users in all</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>未设密码</source>
        <translation>No password set</translation>
    </message>
    <message>
        <source>输错密码，等待中</source>
        <translation>Wrong password entered, waiting</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>给“{name}”（{username}）设一个新密码，告诉他本人，请他登录后在“设置”里改成自己的密码。</source>
        <translation>Set a new password for &quot;{name}&quot; ({username}) and tell it to them. Ask them to sign in and change it to their own password under &quot;Settings&quot;.</translation>
    </message>
    <message>
        <source>“{name}”的密码已重设。</source>
        <translation>The password of &quot;{name}&quot; has been reset.</translation>
    </message>
    <message>
        <source>停用“{name}”（{username}）？停用后他不能再登录，以后可以再启用。</source>
        <translation>Deactivate &quot;{name}&quot; ({username})? They will no longer be able to sign in. You can activate them again later.</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>场所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>选择或填写走访的网格员</source>
        <translation>Choose or type the grid worker who made the visit</translation>
    </message>
    <message>
        <source>选择住户…</source>
        <translation>Choose household…</translation>
    </message>
    <message>
        <source>选择场所…</source>
        <translation>Choose place…</translation>
    </message>
    <message>
        <source>巡查本网格</source>
        <translation>Patrol this grid</translation>
    </message>
    <message>
        <source>例如：入户了解近况，身体良好</source>
        <translation>For example: home visit to see how they are; in good health</translation>
    </message>
    <message>
        <source>发现的问题或隐患（没有可不填）</source>
        <translation>Problems or hazards found (leave empty if none)</translation>
    </message>
    <message>
        <source>下一步怎么跟进</source>
        <translation>What to do next to follow up</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>走访对象</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>走访内容</source>
        <translation>Visit details</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>后续跟进</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>由发现登记事件</source>
        <translation>Register case from problems found</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{kind}：{title}</source>
        <translation>{kind}: {title}</translation>
    </message>
    <message>
        <source>走访记录：{title}</source>
        <translation>Visit record: {title}</translation>
    </message>
    <message>
        <source>选择住户</source>
        <translation>Choose household</translation>
    </message>
    <message>
        <source>走访哪一户？</source>
        <translation>Which household is visited?</translation>
    </message>
    <message>
        <source>这个网格还没有登记场所。</source>
        <translation>No places are registered in this grid yet.</translation>
    </message>
    <message>
        <source>选择场所</source>
        <translation>Choose place</translation>
    </message>
    <message>
        <source>巡查哪个场所？</source>
        <translation>Which place is patrolled?</translation>
    </message>
    <message>
        <source>请填写网格员：这次走访是谁做的？</source>
        <translation>Please enter the grid worker: who made this visit?</translation>
    </message>
    <message>
        <source>请先在“发现问题”里写明发现了什么，再登记事件。</source>
        <translation>Please first write down what was found under &quot;Problems found&quot;, then register the case.</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>今日应访（含已逾期）</source>
        <translation>Due today (including overdue)</translation>
    </message>
    <message>
        <source>本周内应访</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <source>30天内应访</source>
        <translation>Due within 30 days</translation>
    </message>
    <message>
        <source>逾期 {n} 天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>{n} 天后到期</source>
        <translation>Due in {n} days</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit records</translation>
    </message>
    <message>
        <source>应访名单</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <source>方式：全部</source>
        <translation>Type: all</translation>
    </message>
    <message>
        <source>日期从</source>
        <translation>Date from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>走访对象</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>登记事件</source>
        <translation>Cases registered</translation>
    </message>
    <message>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>这里还没有走访记录。
每次入户走访或巡查以后，点下面的“记录走访”记下来。</source>
        <translation>There are no visit records here yet.
After each home visit or patrol, click &quot;Record visit&quot; below to write it down.</translation>
    </message>
    <message>
        <source>没有符合条件的走访记录。
可以把上面的网格员、方式改回“全部”，或清空日期。</source>
        <translation>No visit records match.
You can set the grid worker and type above back to &quot;all&quot;, or clear the dates.</translation>
    </message>
    <message>
        <source>只看已逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>走访要求</source>
        <translation>Visit rule</translation>
    </message>
    <message>
        <source>上次走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>应访日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>网格员：全部</source>
        <translation>Grid worker: all</translation>
    </message>
    <message>
        <source>共 {n} 条走访记录</source>
        <translation>{n} visit records in all</translation>
    </message>
    <message>
        <source>正在计算应访名单，请稍候…</source>
        <translation>Working out the visits due, please wait…</translation>
    </message>
    <message>
        <source>没有已逾期的走访对象。</source>
        <translation>No visits are overdue.</translation>
    </message>
    <message>
        <source>这段时间没有需要走访的对象。
特殊人群和监测户到了走访周期，会列在这里。</source>
        <translation>Nobody needs a visit in this period.
Special groups and monitored households are listed here when their visits fall due.</translation>
    </message>
    <message>
        <source>应访 {n} 个，其中已逾期 {late} 个</source>
        <translation>{n} visits due, {late} of them overdue</translation>
    </message>
    <message>
        <source>应访名单没有算出来：{error}</source>
        <translation>The visits due could not be worked out: {error}</translation>
    </message>
    <message>
        <source>删除 {day} 对“{title}”的走访记录？</source>
        <translation>Delete the visit record for &quot;{title}&quot; on {day}?</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <source>为“{grid}”添加网格员</source>
        <translation>Add grid worker to &quot;{grid}&quot;</translation>
    </message>
    <message>
        <source>专业网格员填写所在部门</source>
        <translation>For specialist grid workers, enter their department</translation>
    </message>
    <message>
        <source>中共党员</source>
        <translation>Communist Party member</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>职务：</source>
        <translation>Position:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>部门：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>党员：</source>
        <translation>Party member:</translation>
    </message>
</context>
<context>
    <name>WorkersPanel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>“{grid}”还没有网格员。
点下面的“添加…”登记网格长、网格员。</source>
        <translation>&quot;{grid}&quot; has no grid workers yet.
Click &quot;Add…&quot; below to register grid leaders and grid workers.</translation>
    </message>
    <message>
        <source>把“{worker}”从“{grid}”的网格员中移除？</source>
        <translation>Remove &quot;{worker}&quot; from the grid workers of &quot;{grid}&quot;?</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>网格化管理综合信息采集簿</source>
        <translation>Grid Management Information Booklet</translation>
    </message>
    <message>
        <source>重新打开数据库</source>
        <translation>Reopen database</translation>
    </message>
    <message>
        <source>数据库已重新打开（恢复了备份，或换了数据库）。请重新登录（恢复的备份里的用户和密码以那时为准）。</source>
        <translation>The database has been reopened (a backup was restored, or the database was changed). Please sign in again (users and passwords are as they were in the restored backup).</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>电脑的日期不对</source>
        <translation>The computer&apos;s date is wrong</translation>
    </message>
    <message>
        <source>退出，先改日期</source>
        <translation>Quit and fix the date first</translation>
    </message>
    <message>
        <source>仍然继续（不推荐）</source>
        <translation>Continue anyway (not recommended)</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>本页帮助</source>
        <translation>Help for this page</translation>
    </message>
    <message>
        <source>使用手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
</context>
<context>
    <name>punctuation</name>
    <message>
        <source>{label}：{value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>{text}（{note}）</source>
        <translation>{text} ({note})</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
</TS>
