// Which Office.js members a piece of code uses, and whether each one above the manifest's
// minimum ExcelApi set is guarded. The requirement set of each member is read from the
// `[Api set: ExcelApi 1.x]` annotations of @types/office-js, through the TypeScript checker.
//
// A member newer than the minimum counts as guarded when it sits
//   - in the `then` branch of `if (….supports(V))` or the true branch of `….supports(V) ? … : …`,
//   - or after `if (!….supports(V)) return …;` earlier in the same block,
// with V (a string literal or a constant holding one) at least the member's set.
// A member that no released set declares (a cast to reach a preview member) is never allowed.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface MemberUse {
  readonly file: string;
  readonly line: number;
  /** `Range.dataValidation` */
  readonly member: string;
  /** The member's ExcelApi set, or 'none' when no released set declares it. */
  readonly set: string;
  /** The set of the guard around it, if any. */
  readonly guard: string | undefined;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The ExcelApi MinVersion the manifest declares. */
export function manifestMinimum(manifestPath: string): string {
  const xml = readFileSync(manifestPath, 'utf8');
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!m) throw new Error(`${manifestPath} declares no ExcelApi requirement set`);
  return m[1]!;
}

function isOfficeDeclaration(d: ts.Node): boolean {
  return /[\\/]@types[\\/]office-js[\\/]/.test(d.getSourceFile().fileName);
}

/** `[Api set: ExcelApi 1.8]` from the doc comment of a declaration in @types/office-js. */
function apiSetOf(d: ts.Declaration): string | undefined {
  const sf = d.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, d.getFullStart()) ?? [];
  for (const r of ranges) {
    const m = /\[Api set: ExcelApi ([\d.]+)\]/.exec(sf.text.slice(r.pos, r.end));
    if (m) return m[1];
  }
  return undefined;
}

function ownerName(d: ts.Declaration): string {
  const parent = d.parent;
  if (parent && (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) && parent.name) return parent.name.text;
  return '?';
}

/** The version a `supports(…)` call asks for, or undefined when `e` is no such call. */
function supportsVersion(e: ts.Expression, checker: ts.TypeChecker): string | undefined {
  if (!ts.isCallExpression(e)) return undefined;
  const callee = e.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (name !== 'supports' && name !== 'isSetSupported') return undefined;
  const arg = name === 'isSetSupported' ? e.arguments[1] : e.arguments[0];
  if (!arg) return undefined;
  if (ts.isStringLiteralLike(arg)) return arg.text;
  const t = checker.getTypeAtLocation(arg);
  return t.isStringLiteral() ? t.value : undefined;
}

function negated(e: ts.Expression): ts.Expression | undefined {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken ? e.operand : undefined;
}

function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(st.statements[st.statements.length - 1]!);
}

/** The highest version guarding `node`, looking outwards through its ancestors. */
function guardOf(node: ts.Node, checker: ts.TypeChecker): string | undefined {
  let best: string | undefined;
  const consider = (v: string | undefined) => {
    if (v && (!best || compareVersions(v, best) > 0)) best = v;
  };
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child) consider(supportsVersion(p.expression, checker));
    if (ts.isConditionalExpression(p) && p.whenTrue === child) consider(supportsVersion(p.condition, checker));
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && p.right === child) {
      consider(supportsVersion(p.left, checker));
    }
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      for (const st of p.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && exits(st.thenStatement)) {
          const inner = negated(st.expression);
          if (inner) consider(supportsVersion(inner, checker));
        }
      }
    }
  }
  return best;
}

/** Every use of an Excel member in `files`, with its set and guard. */
export function excelMemberUses(files: readonly string[], root: string): MemberUse[] {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: MemberUse[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decls = symbol?.declarations ?? [];
        const office = decls.filter(isOfficeDeclaration);
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const rel = path.relative(root, file);
        if (office.length > 0) {
          const sets = office.map(apiSetOf).filter((v): v is string => v !== undefined);
          if (sets.length > 0) {
            const set = sets.sort(compareVersions)[0]!;
            uses.push({ file: rel, line, member: `${ownerName(office[0]!)}.${node.name.text}`, set, guard: guardOf(node, checker) });
          }
        } else if (decls.length > 0 && receiverIsExcel(checker.getTypeAtLocation(node.expression))) {
          uses.push({ file: rel, line, member: `?.${node.name.text}`, set: 'none', guard: guardOf(node, checker) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** Whether a type is (or is an intersection with) a class of the Excel namespace. */
function receiverIsExcel(t: ts.Type): boolean {
  const parts = t.isIntersection() ? t.types : [t];
  return parts.some((p) =>
    (p.getSymbol()?.declarations ?? []).some((d) => isOfficeDeclaration(d) && ts.isClassDeclaration(d) && /\bnamespace Excel\b/.test(namespaceOf(d))),
  );
}

function namespaceOf(d: ts.Node): string {
  for (let p = d.parent; p; p = p.parent) {
    if (ts.isModuleDeclaration(p)) return `namespace ${p.name.getText()}`;
  }
  return '';
}

/** Uses above `minimum` that no sufficient guard covers. */
export function unguarded(uses: readonly MemberUse[], minimum: string): MemberUse[] {
  return uses.filter((u) => u.set === 'none' || (compareVersions(u.set, minimum) > 0 && (!u.guard || compareVersions(u.guard, u.set) < 0)));
}
