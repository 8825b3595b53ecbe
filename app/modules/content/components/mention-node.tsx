import { $applyNodeReplacement, DecoratorNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical';
import type { JSX } from 'react';

export type SerializedMentionNode = Spread<{ type: 'mention'; userId: string; name: string; version: 1 }, SerializedLexicalNode>;

/**
 * A mention of a person inside the editor: an inline, atomic node that serializes to
 * `{ type: 'mention', userId, name }` (the shape parseRichText accepts). Typing mentions (a
 * people typeahead) is for the forum work; this node lets quoted or edited posts keep them.
 */
export class MentionNode extends DecoratorNode<JSX.Element> {
  __userId: string;
  __name: string;

  static getType(): string {
    return 'mention';
  }

  static clone(node: MentionNode): MentionNode {
    return new MentionNode(node.__userId, node.__name, node.__key);
  }

  static importJSON(json: SerializedMentionNode): MentionNode {
    return $createMentionNode(json.userId, json.name);
  }

  constructor(userId: string, name: string, key?: NodeKey) {
    super(key);
    this.__userId = userId;
    this.__name = name;
  }

  exportJSON(): SerializedMentionNode {
    return { type: 'mention', userId: this.__userId, name: this.__name, version: 1 };
  }

  createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'mention';
    return span;
  }

  updateDOM(): false {
    return false;
  }

  isInline(): true {
    return true;
  }

  getTextContent(): string {
    return `@${this.__name}`;
  }

  decorate(): JSX.Element {
    return <>@{this.__name}</>;
  }
}

export function $createMentionNode(userId: string, name: string): MentionNode {
  return $applyNodeReplacement(new MentionNode(userId, name));
}
