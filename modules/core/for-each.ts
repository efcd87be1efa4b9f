import { TerraformIterator, Token, type TerraformResource } from "cdktf";
import type { Construct } from "constructs";

/**
 * One resource for every value of `values` (a written-out list or a token from another stack),
 * keyed by the value itself: `build(scope, id, value, forEach)` makes it, once with the iterator
 * (`value` is then `each.value`). Construct ids stay fixed whatever the values are. Nothing is
 * created for a written-out empty list.
 *
 * `legacyId(value)`, when given, names the resource an earlier release created per value; a
 * `moved` block carries state written then to the value's instance instead of replacing it.
 */
export function forEachValue<R extends TerraformResource>(
  scope: Construct,
  id: string,
  values: readonly string[],
  build: (scope: Construct, id: string, value: string, forEach?: TerraformIterator) => R,
  legacyId?: (value: string) => string,
): R | undefined {
  const token = Token.isUnresolved(values);
  if (!token && values.length === 0) return undefined;
  const each = TerraformIterator.fromList([...values]);
  const resource = build(scope, id, Token.asString(each.value), each);
  if (token || !legacyId) return resource;
  const target = `${scope.node.path}/${id}`;
  resource.addMoveTarget(target);
  for (const value of values.filter((v) => !Token.isUnresolved(v))) build(scope, legacyId(value), value).moveTo(target, value);
  return resource;
}
