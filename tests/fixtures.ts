// A small personal-notes tree whose topics do not overlap, so each query has one right answer.

export const NOTES: Record<string, string> = {
  "home/lease.md": `# Apartment lease

After a long talk with the landlord I decided to renew the apartment lease for two more years.

## Rent

The monthly rent rises by three percent from March. The deposit stays the same.
`,
  "food/smoothie.txt": `Banana smoothie recipe
Blend two bananas with yogurt, honey and a handful of frozen berries.
Serve cold in the morning.
`,
  "garden/tomatoes.md": `# Garden log

## Tomatoes

Planted cherry tomatoes along the south fence. Water them every evening and watch for aphids.

## Compost

Turn the compost pile weekly; add dry leaves when it smells.
`,
  "work/meeting.md": `# Quarterly planning meeting

Agreed to ship the invoice export feature before the conference.
Nadia owns the database migration; Tomas writes the release notes.
`,
  "travel/japan.txt": `Trip to Japan in April: Kyoto temples, the Nara deer park, a ryokan with hot springs.
Book the bullet train tickets two weeks ahead.
`,
};

/** Query → the fixture file that answers it. Words overlap the answer's, as a bag-of-words model needs. */
export const KNOWN_QUERIES: readonly [string, string][] = [
  ["what did I decide about the apartment lease", "home/lease.md"],
  ["banana smoothie with yogurt", "food/smoothie.txt"],
  ["cherry tomatoes aphids", "garden/tomatoes.md"],
  ["who owns the database migration", "work/meeting.md"],
  ["temples in Kyoto and the deer park", "travel/japan.txt"],
];
