// @taizhang/client/xlsx: .xlsx files through exceljs, the one door to it, for the command
// line and the web page alike (the add-in works on the live sheet and never loads it).
// Reading a file's bytes into the neutral rows the check and the push plan take, writing a
// push's answers back, the consolidated list and the notice as new workbooks, one safe cell write.
export * from './cells';
export * from './noticeWorkbook';
export * from './readSheet';
export * from './writeBack';
export * from './writeList';
