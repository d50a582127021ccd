// The order of the databases' binary collations; one implementation, in core, for the app too.
export { compareCodePoints } from '../../core/portfolio/compare-code-points.ts';
