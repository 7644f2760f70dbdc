// The old-webview guard (addin/src/pane/guard.js): ES5 syntax only, so Internet Explorer 11
// and the old Edge webview parse it; it shows its bilingual text there and stays silent where
// the pane can run; the pane's page loads it before the bundle.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const GUARD = path.join(ROOT, 'addin/src/pane/guard.js');
const source = readFileSync(GUARD, 'utf8');

/** Syntax newer than ES5, found in a parsed script: [kind, line]. */
function newerThanEs5(code: string): string[] {
  const sf = ts.createSourceFile('guard.js', code, ts.ScriptTarget.ES5, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) => found.push(`${what} (line ${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1})`);
  const visit = (n: ts.Node): void => {
    if (ts.isArrowFunction(n)) at(n, 'arrow function');
    else if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) at(n, 'template literal');
    else if (ts.isClassLike(n)) at(n, 'class');
    else if (ts.isVariableDeclarationList(n) && n.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) at(n, 'let/const');
    else if (ts.isShorthandPropertyAssignment(n) || ts.isSpreadElement(n) || ts.isSpreadAssignment(n)) at(n, 'shorthand or spread');
    else if (ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) at(n, 'destructuring');
    else if (ts.isForOfStatement(n)) at(n, 'for…of');
    else if (ts.isMethodDeclaration(n) || ts.isComputedPropertyName(n)) at(n, 'method shorthand or computed name');
    else if (ts.isParameter(n) && (n.initializer || n.dotDotDotToken)) at(n, 'default or rest parameter');
    else if (
      ts.isAwaitExpression(n) ||
      ts.isYieldExpression(n) ||
      (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword))
    )
      at(n, 'async or generator');
    else if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) && n.questionDotToken) at(n, 'optional chaining');
    else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AsteriskAsteriskToken].includes(n.operatorToken.kind))
      at(n, '?? or **');
    else if (ts.isFunctionDeclaration(n) && n.asteriskToken) at(n, 'generator');
    else if (ts.isRegularExpressionLiteral(n) && /\/[a-z]*[uys][a-z]*$/.test(n.text)) at(n, 'regular expression flag u, y or s');
    else if (ts.isNumericLiteral(n) && /^0[bo]|_/i.test(n.getText())) at(n, 'binary, octal or separated number');
    else if (n.kind === ts.SyntaxKind.BigIntLiteral) at(n, 'BigInt');
    ts.forEachChild(n, visit);
  };
  visit(sf);
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  for (const d of diagnostics) found.push(`parse error: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  return found;
}

test('the check itself finds newer syntax', () => {
  expect(newerThanEs5('var f = () => 1; let a = `x`; var o = { f() {} }; var b = a?.b ?? 2;')).toHaveLength(6);
  expect(newerThanEs5('var f = function () { return [1, "x"]; };')).toEqual([]);
});

test('guard.js is ES5: no newer syntax, and esbuild at target es5 takes it as it is', () => {
  expect(newerThanEs5(source)).toEqual([]);
  expect(() => transformSync(source, { target: 'es5', loader: 'js' })).not.toThrow();
});

interface FakeElement {
  children: { text: string }[];
  attrs: Record<string, string>;
}

function runGuard(modern: boolean): { root: FakeElement; flagged: boolean } {
  const root: FakeElement = { children: [], attrs: {} };
  const rootNode = {
    get firstChild() {
      return root.children[0] ?? null;
    },
    removeChild() {
      root.children.shift();
    },
    setAttribute(k: string, v: string) {
      root.attrs[k] = v;
    },
    appendChild(p: { text: string }) {
      root.children.push(p);
    },
  };
  const document = {
    readyState: 'complete',
    getElementById: (id: string) => (id === 'root' ? rootNode : null),
    createElement: () => ({
      style: {},
      text: '',
      appendChild(this: { text: string }, t: { data: string }) {
        this.text += t.data;
      },
    }),
    createTextNode: (data: string) => ({ data }),
    addEventListener() {},
  };
  const window: Record<string, unknown> = {};
  // An IE11-like global object: no Promise, no fetch, no Symbol; ES5 only.
  const context = vm.createContext({
    window,
    document,
    Object: modern ? Object : { ...Object, assign: undefined },
    Array,
    Function: modern ? Function : undefined,
  });
  if (modern) Object.assign(context, { Promise, Symbol, fetch: () => undefined });
  if (modern) window.fetch = () => undefined;
  vm.runInContext(source, context);
  return { root, flagged: window.__TZ_WEBVIEW_TOO_OLD__ === true };
}

test('in a webview that cannot run the pane the clerk reads what to update, in Chinese and English', () => {
  const { root, flagged } = runGuard(false);
  expect(flagged).toBe(true);
  expect(root.attrs.role).toBe('alert');
  const text = root.children.map((c) => c.text).join('\n');
  expect(text).toContain('网页组件版本过旧');
  expect(text).toContain('WebView2');
  expect(text).toContain('Excel on the web');
  expect(text).toContain('taizhang check / push / pull');
});

test('where the pane can run the guard stays silent', () => {
  const { root, flagged } = runGuard(true);
  expect(flagged).toBe(false);
  expect(root.children).toEqual([]);
});

test("the pane's page loads the guard before the bundle, and the build copies it", () => {
  const build = readFileSync(path.join(ROOT, 'scripts/build-addin.mjs'), 'utf8');
  const html = build.slice(build.indexOf('export function taskpaneHtml'));
  expect(build).toMatch(/copyFile\(GUARD, path\.join\(out, 'guard\.js'\)\)/);
  expect(html.indexOf('<script src="guard.js"></script>')).toBeGreaterThan(0);
  expect(html.indexOf('guard.js')).toBeLessThan(html.indexOf('taskpane.js'));
});
