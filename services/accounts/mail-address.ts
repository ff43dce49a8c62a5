/**
 * True for an address mail can reach: not empty and not under the reserved top-level domain
 * `.invalid` (RFC 2606), which staff accounts created without an address carry as a placeholder
 * (`<login>@staff.invalid`, staff-accounts.ts).
 */
export function hasRealAddress(email: string | null | undefined): boolean {
  const address = email?.trim().toLowerCase() ?? '';
  return address.includes('@') && !address.endsWith('.invalid');
}
