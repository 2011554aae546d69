/** The critic's remark on a draft without citations. */
export const CITE_SOURCES = 'Cite your sources.';

/** The critic's remark on a draft without a conclusion. */
export const ADD_CONCLUSION = 'Add a conclusion.';

/** The words that open a draft's conclusion (what the critic looks for). */
export const CONCLUSION_MARK = 'In conclusion';

/** Topics containing this phrase (any case) are never approved: the critic always wants another pass. */
export const NEVER_GOOD_ENOUGH = 'never good enough';

/** The remark the critic adds, every pass, for a topic containing {@link NEVER_GOOD_ENOUGH}. */
export const NOT_GOOD_ENOUGH = 'Still not good enough: sharpen every paragraph.';
