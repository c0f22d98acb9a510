// "Use my location" on /safe-places: progressive enhancement. Without this script the postcode form works
// on its own. With it, the button asks the browser for the visitor's position and sends it, rounded to about
// 100 metres, only as lat and lon in the address of this one search. Nothing is stored in the browser and
// nothing is sent anywhere else.
const box = document.querySelector('[data-safe-places-location]')
const form = document.getElementById('safe-places-search')
if (box && form && 'geolocation' in navigator) {
  const button = box.querySelector('[data-safe-places-use-location]')
  const error = box.querySelector('[data-safe-places-location-error]')
  box.hidden = false
  button.addEventListener('click', () => {
    button.disabled = true
    error.hidden = true
    navigator.geolocation.getCurrentPosition((position) => {
      form.querySelectorAll('input[name="lat"], input[name="lon"]').forEach((input) => input.remove())
      const add = (name, value) => {
        const input = document.createElement('input')
        input.type = 'hidden'
        input.name = name
        input.value = value.toFixed(3)
        form.appendChild(input)
      }
      add('lat', position.coords.latitude)
      add('lon', position.coords.longitude)
      form.querySelector('#postcode').value = ''
      form.submit()
    }, () => {
      button.disabled = false
      error.textContent = 'We could not get your location. Enter a postcode instead, like BH1 1AA'
      error.hidden = false
    }, { maximumAge: 300000, timeout: 15000 })
  })
}
