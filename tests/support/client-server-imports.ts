import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * Finds values imported from `*.server` modules that reach a route module's browser bundle.
 *
 * Remix's compiler replaces every `*.server` module with an empty module in the browser build
 * (`module.exports = {}`), keeps the route's client exports (everything but `loader`, `action` and
 * `headers`) and tree-shakes the rest. A value import from a `.server` module is therefore only
 * safe when every use of it is reachable from the server-only exports alone; any use reachable from
 * the component, `meta`, `handle`… or from a top-level statement esbuild keeps (a call, which it
 * must assume has side effects) reads `undefined` in the browser.
 *
 * The analysis is conservative (every call at the top level is kept, as esbuild keeps it): a false
 * alarm is fixed by moving code into the loader, a miss would be a crash in the browser.
 */

const SERVER_ONLY_EXPORTS = new Set(['loader', 'action', 'headers']);
const SERVER_MODULE = /\.server(\.[jt]sx?)?$/;

export type ServerValueUse = { file: string; name: string; from: string; line: number };

export function serverValuesInClientCode(file: string, source = readFileSync(file, 'utf8')): ServerValueUse[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  // Value bindings imported from .server modules.
  const serverImports = new Map<ts.Node, string>();
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const from = stmt.moduleSpecifier.text;
    if (!SERVER_MODULE.test(from)) continue;
    const clause = stmt.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) serverImports.set(clause, from);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) serverImports.set(bindings, from);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if (!el.isTypeOnly) serverImports.set(el, from);
    }
  }
  const uses: ServerValueUse[] = [];
  if (serverImports.size === 0) return uses;
  // A program of this one file, imports unresolved: enough for the checker to tell which binding
  // an identifier reads (an import, a top-level declaration, or a local that shadows them).
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, lang) => (name === file ? sf : getSourceFile.call(host, name, lang));
  const program = ts.createProgram({
    rootNames: [file],
    options: { noResolve: true, noLib: true, jsx: ts.JsxEmit.ReactJSX, types: [] },
    host,
  });
  const checker = program.getTypeChecker();

  // The roots esbuild keeps in the browser bundle.
  const roots: ts.Node[] = [];
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt) || ts.isInterfaceDeclaration(stmt)) continue;
    if (ts.isFunctionDeclaration(stmt)) {
      const name = stmt.name?.text;
      if (isDefault(stmt) || (isExported(stmt) && (!name || !SERVER_ONLY_EXPORTS.has(name)))) roots.push(stmt);
      continue;
    }
    if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const names = bindingNames(decl.name);
        const exportedToClient = isExported(stmt) && names.some((n) => !SERVER_ONLY_EXPORTS.has(n));
        if (exportedToClient || (decl.initializer && !isPure(decl.initializer))) roots.push(decl);
      }
      continue;
    }
    if (ts.isExportDeclaration(stmt)) {
      if (stmt.isTypeOnly) continue;
      const els = stmt.exportClause && ts.isNamedExports(stmt.exportClause) ? stmt.exportClause.elements : [];
      const fromServer = stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) && SERVER_MODULE.test(stmt.moduleSpecifier.text);
      for (const el of els) {
        if (el.isTypeOnly || SERVER_ONLY_EXPORTS.has(el.name.text)) continue;
        if (fromServer) uses.push({ file, name: el.name.text, from: (stmt.moduleSpecifier as ts.StringLiteral).text, line: lineOf(el) });
        else if (!stmt.moduleSpecifier) roots.push(el.propertyName ?? el.name);
      }
      continue;
    }
    // Classes, export default <expr>, expression statements, enums: all run at load.
    roots.push(stmt);
  }

  // Everything reachable from the roots through top-level bindings.
  const seen = new Set<ts.Node>();
  const queue = [...roots];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    visit(node, (id) => {
      const parent = id.parent;
      const symbol =
        parent && ts.isShorthandPropertyAssignment(parent) && parent.name === id
          ? checker.getShorthandAssignmentValueSymbol(parent)
          : parent && ts.isExportSpecifier(parent)
            ? checker.getExportSpecifierLocalTargetSymbol(parent)
            : checker.getSymbolAtLocation(id);
      for (const decl of symbol?.declarations ?? []) {
        const from = serverImports.get(decl);
        if (from !== undefined) uses.push({ file, name: id.text, from, line: lineOf(id) });
        const top = topLevel(decl);
        if (top && !seen.has(top)) queue.push(top);
      }
    });
  }
  return uses.sort((a, b) => a.line - b.line);

  function lineOf(node: ts.Node) {
    return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  }
  /** The top-level function, class or variable declaration `decl` is (or is inside of a binding of). */
  function topLevel(decl: ts.Node): ts.Node | undefined {
    let n: ts.Node | undefined = decl;
    while (n && !ts.isVariableDeclaration(n) && !ts.isFunctionDeclaration(n) && !ts.isClassDeclaration(n) && !ts.isEnumDeclaration(n)) {
      if (ts.isSourceFile(n) || ts.isBlock(n) || ts.isParameter(n)) return undefined;
      n = n.parent;
    }
    if (!n) return undefined;
    const stmt = ts.isVariableDeclaration(n) ? n.parent.parent : n;
    return stmt.parent === sf ? n : undefined;
  }
}

/** Calls `onIdentifier` for every identifier that reads a binding (not property names, not types). */
function visit(node: ts.Node, onIdentifier: (id: ts.Identifier) => void) {
  const walk = (n: ts.Node): void => {
    if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      onIdentifier(n);
      return;
    }
    ts.forEachChild(n, walk);
  };
  if (ts.isIdentifier(node)) onIdentifier(node);
  else walk(node);
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

/**
 * An initializer esbuild may drop when nothing uses it: no call, `new`, JSX, tagged template,
 * property read or spread (conservative: treating a pure one as impure only widens the check).
 */
function isPure(expr: ts.Expression): boolean {
  let pure = true;
  const walk = (n: ts.Node): void => {
    if (!pure) return;
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) return; // not run at load
    if (
      ts.isCallExpression(n) ||
      ts.isNewExpression(n) ||
      ts.isTaggedTemplateExpression(n) ||
      ts.isPropertyAccessExpression(n) ||
      ts.isElementAccessExpression(n) ||
      ts.isSpreadElement(n) ||
      ts.isSpreadAssignment(n) ||
      ts.isJsxElement(n) ||
      ts.isJsxSelfClosingElement(n) ||
      ts.isJsxFragment(n)
    ) {
      pure = false;
      return;
    }
    ts.forEachChild(n, walk);
  };
  walk(expr);
  return pure;
}
