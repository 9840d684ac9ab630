import * as fs from 'node:fs';
import * as ts from 'typescript';
import { type JsonSchema, type OneOfGroup } from './jsonSchema';
import { docText } from './docComments';

/** Resolves a named type the declarations import (only `IObjectMeta` in practice). */
export type ReferenceResolver = (name: string) => JsonSchema | undefined;

/**
 * Reads the `I<Kind>` interface of a `@kubernetes-models` declaration file and turns it into a JSON
 * Schema. The declarations are generated from Istio's CRDs, so every type is an inline literal: the
 * walk is purely syntactic (no type checker), which keeps enum values in their declared order and
 * lets us recognise the pattern the CRD generator uses for proto oneofs (see `readOneOfGroup`).
 */
export function schemaFromDeclaration(file: string, kind: string, resolve: ReferenceResolver): JsonSchema {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const iface = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${kind}`,
  );
  if (!iface) throw new Error(`${file}: no interface I${kind}`);
  return new DeclarationWalker(source, resolve).objectFromMembers(iface.members, `I${kind}`);
}

class DeclarationWalker {
  constructor(
    private readonly source: ts.SourceFile,
    private readonly resolve: ReferenceResolver,
  ) {}

  objectFromMembers(members: ts.NodeArray<ts.TypeElement>, where: string): JsonSchema {
    const schema: JsonSchema = { type: 'object' };
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const member of members) {
      if (ts.isPropertySignature(member)) {
        const name = propertyName(member.name, where);
        if (!member.type) throw new Error(`${where}.${name}: property without a type`);
        const property = this.convert(member.type, `${where}.${name}`);
        const doc = docText(this.source.text, member);
        properties[name] = doc ? { ...doc, ...property } : property;
        if (!member.questionToken) required.push(name);
      } else if (ts.isIndexSignatureDeclaration(member)) {
        if (!member.type) throw new Error(`${where}: index signature without a type`);
        schema.additionalProperties = this.convert(member.type, `${where}{}`);
      } else {
        throw new Error(`${where}: unexpected member kind ${ts.SyntaxKind[member.kind]}`);
      }
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    // `{}` is what the CRD generator emits for `x-kubernetes-preserve-unknown-fields` objects
    // (google.protobuf.Struct / Any): anything goes, so nothing may be reported inside them.
    if (members.length === 0) schema['x-kubernetes-preserve-unknown-fields'] = true;
    return schema;
  }

  private convert(node: ts.TypeNode, where: string): JsonSchema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        // Refined to `integer` (and given bounds) by probing the compiled validators.
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
    }
    if (ts.isParenthesizedTypeNode(node)) return this.convert(node.type, where);
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
      return { type: 'string', enum: [node.literal.text] };
    }
    if (ts.isUnionTypeNode(node)) return this.convertUnion(node, where);
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: this.convert(node.elementType, `${where}[]`) };
    if (ts.isTypeLiteralNode(node)) return this.objectFromMembers(node.members, where);
    if (ts.isIntersectionTypeNode(node)) return this.convertIntersection(node, where);
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(this.source);
      const args = node.typeArguments ?? [];
      if (name === 'Array' && args.length === 1 && args[0]) {
        return { type: 'array', items: this.convert(args[0], `${where}[]`) };
      }
      const resolved = this.resolve(name);
      if (resolved) return resolved;
    }
    throw new Error(`${where}: unsupported type syntax \`${node.getText(this.source)}\``);
  }

  private convertUnion(node: ts.UnionTypeNode, where: string): JsonSchema {
    const literals = node.types.map(t =>
      ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined,
    );
    if (literals.every((l): l is string => l !== undefined)) return { type: 'string', enum: literals };
    const kinds = node.types.map(t => t.kind).sort();
    if (kinds.length === 2 && kinds[0] === ts.SyntaxKind.NumberKeyword && kinds[1] === ts.SyntaxKind.StringKeyword) {
      return { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true };
    }
    throw new Error(`${where}: unsupported union \`${node.getText(this.source)}\``);
  }

  /**
   * `Base & (Exclude<Base, …> | Base-with-a-required | Base-with-b-required)` is how the
   * declarations spell the CRD's `oneOf: [{not: {anyOf: [required a, required b]}}, {required: a}, …]`,
   * i.e. "at most one of a, b". Without the `Exclude` arm, one of them is mandatory.
   */
  private convertIntersection(node: ts.IntersectionTypeNode, where: string): JsonSchema {
    const operands = flattenIntersection(node);
    const [first] = operands;
    if (!first || !ts.isTypeLiteralNode(first)) {
      throw new Error(`${where}: intersection does not start with an object literal`);
    }
    const base = this.objectFromMembers(first.members, where);
    // With several oneofs in one message the declarations repeat the base literal before each
    // union (`Base & (Base & (U1) & Base & (U2))`); the copies add nothing.
    const groups = operands
      .filter((operand): operand is ts.UnionTypeNode => ts.isUnionTypeNode(operand))
      .map(union => this.readOneOfGroup(first, union, where))
      // A proto oneof with a single optional member (AuthorizationPolicy's `provider`) constrains nothing.
      .filter(group => group.required || group.fields.length > 1);
    if (groups.length > 0) base['x-istio-oneof'] = groups;
    return base;
  }

  private readOneOfGroup(base: ts.TypeLiteralNode, union: ts.UnionTypeNode, where: string): OneOfGroup {
    const optionalInBase = new Set(
      base.members
        .filter(ts.isPropertySignature)
        .filter(m => m.questionToken)
        .map(m => propertyName(m.name, where)),
    );
    let required = true;
    const fields: string[] = [];
    for (const variant of union.types) {
      if (ts.isTypeReferenceNode(variant) && variant.typeName.getText(this.source) === 'Exclude') {
        required = false;
        continue;
      }
      const literal = firstLiteral(variant);
      if (!literal)
        throw new Error(`${where}: unexpected oneOf variant \`${variant.getText(this.source).slice(0, 80)}\``);
      const made = literal.members
        .filter(ts.isPropertySignature)
        .filter(m => !m.questionToken)
        .map(m => propertyName(m.name, where))
        .filter(name => optionalInBase.has(name));
      if (made.length !== 1 || made[0] === undefined) {
        throw new Error(`${where}: oneOf variant requires ${made.length} fields, expected 1`);
      }
      fields.push(made[0]);
    }
    return { fields, required };
  }
}

/** `A & (B & (C))` as `[A, B, C]`; unions and literals are left whole. */
function flattenIntersection(node: ts.TypeNode): ts.TypeNode[] {
  if (ts.isParenthesizedTypeNode(node)) return flattenIntersection(node.type);
  if (ts.isIntersectionTypeNode(node)) return node.types.flatMap(flattenIntersection);
  return [node];
}

function firstLiteral(node: ts.TypeNode): ts.TypeLiteralNode | undefined {
  if (ts.isTypeLiteralNode(node)) return node;
  if (ts.isParenthesizedTypeNode(node)) return firstLiteral(node.type);
  if (ts.isIntersectionTypeNode(node) && node.types[0]) return firstLiteral(node.types[0]);
  return undefined;
}

function propertyName(name: ts.PropertyName, where: string): string {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) return name.text;
  throw new Error(`${where}: computed property names are not supported`);
}
