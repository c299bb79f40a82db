/** Help-centre topics; every locale has one article per topic. */
export const KB_SLUGS = ['returns', 'refund-timing', 'payment-schedule', 'pay-later', 'delivery', 'sign-in'] as const;
export type KbSlug = (typeof KB_SLUGS)[number];
