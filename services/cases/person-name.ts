/** "Firstname Lastname": how pages and messages name a person. */
export function personName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}
