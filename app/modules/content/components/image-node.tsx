import { $applyNodeReplacement, DecoratorNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical';
import type { JSX } from 'react';
import { pictureUrl } from '../richtext';

export type SerializedImageNode = Spread<
  { type: 'image'; pictureId: string; alt: string; width: number; height: number; version: 1 },
  SerializedLexicalNode
>;

/**
 * A post's picture inside the editor: an inline, atomic node that serializes to the `image`
 * node parseRichText accepts (our own picture's id, its required description and size), and
 * shows the picture from our own address as the post will.
 */
export class ImageNode extends DecoratorNode<JSX.Element> {
  __pictureId: string;
  __alt: string;
  __width: number;
  __height: number;

  static getType(): string {
    return 'image';
  }

  static clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__pictureId, node.__alt, node.__width, node.__height, node.__key);
  }

  static importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode(json.pictureId, json.alt, json.width, json.height);
  }

  constructor(pictureId: string, alt: string, width: number, height: number, key?: NodeKey) {
    super(key);
    this.__pictureId = pictureId;
    this.__alt = alt;
    this.__width = width;
    this.__height = height;
  }

  exportJSON(): SerializedImageNode {
    return { type: 'image', pictureId: this.__pictureId, alt: this.__alt, width: this.__width, height: this.__height, version: 1 };
  }

  // Inline and atomic: the <img> is React's (decorate); Lexical keeps an empty span for it.
  isInline(): true {
    return true;
  }

  createDOM(): HTMLElement {
    return Object.assign(document.createElement('span'), { className: 'rt-image-box' });
  }

  updateDOM(): false {
    return false;
  }

  getTextContent(): string {
    return `[${this.__alt}]`;
  }

  decorate(): JSX.Element {
    return <img className="rt-image" src={pictureUrl(this.__pictureId)} alt={this.__alt} width={this.__width} height={this.__height} />;
  }
}

export function $createImageNode(pictureId: string, alt: string, width: number, height: number): ImageNode {
  return $applyNodeReplacement(new ImageNode(pictureId, alt, width, height));
}
