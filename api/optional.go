package api

import "encoding/json"

// optional is a JSON field that tells "absent" from "null" from a value:
// Set is false when the field was absent; Value is nil for null.
type optional[T any] struct {
	Set   bool
	Value *T
}

func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// ptr returns nil when absent, else a pointer to the (possibly nil) value.
func (o optional[T]) ptr() **T {
	if !o.Set {
		return nil
	}
	return &o.Value
}

// val returns nil when absent or null, else the value.
func (o optional[T]) val() *T {
	if !o.Set {
		return nil
	}
	return o.Value
}

// orZero returns nil when absent, else the value, or T's zero value for null.
func (o optional[T]) orZero() *T {
	if !o.Set {
		return nil
	}
	if o.Value == nil {
		return new(T)
	}
	return o.Value
}
