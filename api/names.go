package api

import "summit/domain"

// namesBody is an entity's names in other languages as the API shows them:
// {"ru", "zh", "kk"}, each optional; {} when none (CONTRACT section 13).
type namesBody map[string]string

func toNamesBody(n domain.Names) namesBody {
	if n == nil {
		return namesBody{}
	}
	return namesBody(n)
}

// namesPatch returns nil when names was absent, else the names to set (none for null).
func namesPatch(o optional[namesBody]) *domain.Names {
	if !o.Set {
		return nil
	}
	var n domain.Names
	if o.Value != nil {
		n = domain.Names(*o.Value)
	}
	return &n
}
