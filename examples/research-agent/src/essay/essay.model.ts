import { Injectable } from '@nestjs/common';

/** A critic's verdict on a draft. */
export interface Critique {
  ok: boolean;
  notes?: string;
  tokens: number;
}

/**
 * A deterministic stand-in for a language model (the root README's loop example): the first draft lacks
 * a conclusion, the critic says so, the second draft has one.
 */
@Injectable()
export class EssayModel {
  /** Writes a draft, addressing the critic's notes when there are some. */
  async write(topic: string, notes?: string): Promise<{ text: string; tokens: number }> {
    const text = notes ? `${topic}: an argument, and a conclusion.` : `${topic}: an argument.`;
    return Promise.resolve({ text, tokens: 1_200 });
  }

  /** Reviews a draft: it needs a conclusion. */
  async critique(text: string): Promise<Critique> {
    const ok = text.includes('conclusion');
    return Promise.resolve({ ok, ...(!ok && { notes: 'Add a conclusion.' }), tokens: 400 });
  }
}
