/** Room relay benchmark: filled in with the hand-off rooms. */
export async function benchRooms(): Promise<Record<string, number>> {
  return {};
}
