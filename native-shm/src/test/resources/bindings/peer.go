// Test peer of BindingPeersTest: reads slots of a live segment through the generated structs.
//
// usage: peer SEGMENT REGION SLOT [REGION SLOT]...
// Maps /dev/shm/SEGMENT read-only, finds each region in the directory, refuses it (exit 3) unless
// its fingerprint and element size are those of the generated struct, casts the slot's element to
// the struct and prints every field as key=value lines (PeerPrinters).
package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"syscall"
	"unsafe"

	"peer/shmlayout"
)

func bit(b uint8) int {
	if b != 0 {
		return 1
	}
	return 0
}

func region(memory []byte, name string) (int, uint64, int) {
	count := int(*(*uint32)(unsafe.Pointer(&memory[28])))
	for i := 0; i < count; i++ {
		entry := 128 + 128*i
		if shmlayout.DecodeText(memory[entry:entry+32]) == name {
			return int(*(*uint32)(unsafe.Pointer(&memory[entry+36]))), *(*uint64)(unsafe.Pointer(&memory[entry+40])),
				int(*(*uint64)(unsafe.Pointer(&memory[entry+56])))
		}
	}
	fmt.Fprintln(os.Stderr, "no region", name)
	os.Exit(2)
	return 0, 0, 0
}

func element(memory []byte, name string, slot int, fingerprint uint64, size uintptr) unsafe.Pointer {
	elementSize, actual, offset := region(memory, name)
	if actual != fingerprint || uintptr(elementSize) != size {
		fmt.Fprintf(os.Stderr, "%s: fingerprint %016x, size %d: not the generated struct\n", name, actual, elementSize)
		os.Exit(3)
	}
	fmt.Printf("%s.fingerprint=%016x\n", name, actual)
	return unsafe.Pointer(&memory[offset+64+slot*((16+elementSize+7)&^7)+16])
}

// FUNCTIONS

func main() {
	file, err := os.Open("/dev/shm/" + os.Args[1])
	if err != nil {
		panic(err)
	}
	info, err := file.Stat()
	if err != nil {
		panic(err)
	}
	memory, err := syscall.Mmap(int(file.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		panic(err)
	}
	_ = math.Pi
	for i := 2; i+1 < len(os.Args); i += 2 {
		slot, err := strconv.Atoi(os.Args[i+1])
		if err != nil {
			panic(err)
		}
		key := fmt.Sprintf("%s[%d].", os.Args[i], slot)
		switch os.Args[i] {
		// DISPATCH
		default:
			fmt.Fprintln(os.Stderr, "no struct for region", os.Args[i])
			os.Exit(2)
		}
	}
}
